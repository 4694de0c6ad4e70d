using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>
/// Inference that computes only the unmasked weights of a pruned model: a <see cref="MaskedLinear"/>, a
/// <see cref="MaskedDeepFfn"/>, a <see cref="MaskedDeepDan"/> in either representation (generated <c>ffn</c> and
/// <c>dan</c> models included), or an <c>nn.Sequential</c> of these.
/// </summary>
/// <remarks>
/// Each masked layer whose density is at most <see cref="SparseInferenceOptions.MaximumSparseDensity"/> is stored in
/// CSR form (one row per output feature) and multiplied by a managed CPU kernel; denser layers stay a dense
/// <c>linear</c> of the folded weight, which is faster there. A DAN's layers are its input map, the fused group of
/// maps leaving each layer (main and skip maps stacked by rows), and its output map. The result is a snapshot: see <see cref="SparseInferenceModel"/>.
/// </remarks>
public static class SparseInference
{
    private const string RootPath = "(the model itself)";

    /// <summary>An inference-only copy of <paramref name="model"/> that computes its sparse layers from their unmasked weights.</summary>
    /// <param name="model">The model, in evaluation mode (<c>model.eval()</c>), on the CPU, float32 or float64.</param>
    /// <param name="options">Which layers are sparse; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model is in training mode, not on the CPU, not float32 or float64, or its modules do not chain; or an option is out of range.</exception>
    /// <exception cref="NotSupportedException">The model is, or contains, a module sparse inference does not run.</exception>
    public static SparseInferenceModel Prepare(nn.Module model, SparseInferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SparseInferenceOptions();
        options.Validate(nameof(options));
        if (model.training)
        {
            throw new ArgumentException(
                $"Sparse inference prepares a model in evaluation mode, but this {model.GetType().Name} is in training mode: call model.eval() first.", nameof(model));
        }

        var builder = new Builder(options);
        builder.Add(model, string.Empty);
        if (builder.InputShape is null)
        {
            throw new ArgumentException($"{model.GetType().Name} has no layers to prepare.", nameof(model));
        }

        return new SparseInferenceModel(model.GetType().Name, builder.InputShape, builder.Dtype!.Value, builder.Steps.ToArray(), builder.Layers);
    }

    private sealed class Builder
    {
        private readonly SparseInferenceOptions _options;
        private long _width = -1;

        public Builder(SparseInferenceOptions options) => _options = options;

        public List<InferenceStep> Steps { get; } = new();

        public List<SparseInferenceLayer> Layers { get; } = new();

        public long[]? InputShape { get; private set; }

        public ScalarType? Dtype { get; private set; }

        public void Add(nn.Module module, string path)
        {
            switch (module)
            {
                case MaskedLinear linear:
                    StartOrCheck(new[] { linear.InFeatures }, path, module);
                    AddLinear(linear, path);
                    break;
                case MaskedDeepFfn ffn when !ForwardOverrides.IsOverridden(ffn):
                    StartOrCheck(ffn.InputShape is IList<long> shape ? new List<long>(shape).ToArray() : Array.Empty<long>(), path, module);
                    for (var i = 0; i < ffn.Layers.Count; i++)
                    {
                        AddLinear(ffn.Layers[i], Join(path, $"layers.{i}"));
                        if (i < ffn.Layers.Count - 1)
                        {
                            if (ffn.UseLayerNorm)
                            {
                                CheckTensor(ffn.Norms[i].weight ?? ffn.Norms[i].bias, Join(path, $"norms.{i}"), ffn.Norms[i]);
                                Steps.Add(new LayerNormStep(ffn.Norms[i], _width));
                            }

                            Steps.Add(new ActivationStep(ffn.Activation));
                        }
                    }

                    break;
                case MaskedDeepDan dan when !ForwardOverrides.IsOverridden(dan, typeof(MaskedDeepDan)):
                    StartOrCheck(dan.InputShape.ToArray(), path, module);
                    AddDan(dan, path);
                    break;
                case Sequential sequential:
                    foreach (var (name, child) in sequential.named_children())
                    {
                        Add(child, Join(path, name));
                    }

                    break;
                case MaskedDeepFfn or MaskedDeepDan:
                    throw new NotSupportedException(
                        $"Sparse inference does not run {module.GetType().Name} at {Describe(path)}: it overrides its base class's forward pass, which sparse inference rebuilds.");
                default:
                    throw new NotSupportedException(
                        $"Sparse inference does not run {module.GetType().Name} at {Describe(path)}: it runs MaskedLinear, MaskedDeepFfn, MaskedDeepDan and nn.Sequential of these.");
            }
        }

        private void AddLinear(MaskedLinear linear, string path)
        {
            Steps.Add(Linear(linear, path));
            _width = linear.OutFeatures;
        }

        private InferenceStep Linear(MaskedLinear linear, string path)
        {
            CheckTensor(linear.weight, path, linear);
            var maps = new[] { (0, UnmaskedEntries.Of(linear)) };
            return Stacked(path, checked((int)linear.OutFeatures), checked((int)linear.InFeatures), linear.weight.dtype, maps, linear.bias is not null);
        }

        /// <summary>
        /// A DAN in either representation: its maps' unmasked entries (read from the edge lists under Edges, never
        /// as dense maps), fused per source layer as the Dense forward pass groups them; each group sparse or dense
        /// by its own density.
        /// </summary>
        private void AddDan(MaskedDeepDan dan, string path)
        {
            using var scope = NewDisposeScope();
            var input = Linear(dan.InputMap, Join(path, "input_map"));
            var plan = dan.Plan;
            var layout = dan.Layout;
            var sizes = plan.Structure.Layers.LayerSizes();
            var normOfLayer = new int[sizes.Length];
            var norms = new LayerNormStep?[sizes.Length];
            for (var layer = 0; layer < sizes.Length; layer++)
            {
                normOfLayer[layer] = -1;
                if (dan.HasLayerNorm(layer))
                {
                    var (weight, bias, epsilon) = dan.LayerNormOf(layer);
                    CheckTensor(weight, Join(path, $"norm of layer {layer}"), dan);
                    norms[layer] = new LayerNormStep(weight, bias, epsilon, sizes[layer]);
                    normOfLayer[layer] = layer;
                }
            }

            // The neuron graph lists the input map, the main maps, the skip maps (plan order), then the output map.
            var entries = UnmaskedEntries.Of(NeuronGraph.Of(dan, "model"), withBias: true);

            // Group j: the main map j → j+1 at row 0, then the skip maps leaving j at their rows in the fused layout.
            var members = new List<(int RowOffset, UnmaskedEntries Entries)>[layout.GroupCount];
            for (var j = 0; j < layout.GroupCount; j++)
            {
                members[j] = new List<(int, UnmaskedEntries)> { (0, entries[1 + j]) };
            }

            for (var s = 0; s < plan.SkipMaps.Count; s++)
            {
                var source = plan.SkipMaps[s].SourceLayer;
                members[source].Add((checked((int)(layout.SkipBiasOffsets[s] - layout.MainBiasOffsets[source])), entries[1 + layout.GroupCount + s]));
            }

            var groups = new InferenceStep?[sizes.Length];
            for (var j = 0; j < layout.GroupCount; j++)
            {
                groups[j] = Stacked(Join(path, $"groups.{j}"), checked((int)layout.GroupRows[j]), layout.GroupColumns[j], dan.InputMap.weight.dtype, members[j], dan.Options.Bias);
            }

            var output = Linear(dan.OutputMap, Join(path, "output_map"));
            Steps.Add(new DanInferenceStep(DanLayerStep.Plan(layout, normOfLayer), input, groups, norms, output, dan.Activation));
            _width = dan.OutputMap.OutFeatures;
        }

        /// <summary>
        /// One layer of <paramref name="rows"/> × <paramref name="columns"/> from maps' unmasked entries stacked by rows (a
        /// masked linear is one map), sparse or dense as the options and its density say; listed in <see cref="Layers"/>.
        /// </summary>
        private InferenceStep Stacked(string path, int rows, int columns, ScalarType dtype, IReadOnlyList<(int RowOffset, UnmaskedEntries Entries)> maps, bool bias)
        {
            var count = maps.Sum(map => (long)map.Entries.Count);
            var sparse = _options.Mode switch
            {
                SparseInferenceMode.Sparse => true,
                SparseInferenceMode.Dense => false,
                _ => (double)count / ((long)rows * columns) <= _options.MaximumSparseDensity,
            };
            Layers.Add(new SparseInferenceLayer(path, columns, rows, count, sparse));
            return !sparse ? DenseLinearStep.Stacked(rows, columns, dtype, maps, bias)
                : dtype == ScalarType.Float64 ? CsrLinearStep<double>.Stacked(rows, columns, dtype, maps, bias)
                : CsrLinearStep<float>.Stacked(rows, columns, dtype, maps, bias);
        }

        private void StartOrCheck(long[] inputShape, string path, nn.Module model)
        {
            if (InputShape is null)
            {
                InputShape = inputShape;
                return;
            }

            if (inputShape.Length != 1 || inputShape[0] != _width)
            {
                throw new ArgumentException(
                    $"{model.GetType().Name} at {Describe(path)} takes input of shape [batch, {string.Join(", ", inputShape)}], but the module before it gives [batch, {_width}].",
                    nameof(model));
            }
        }

        private void CheckTensor(Tensor? tensor, string path, nn.Module model)
        {
            if (tensor is null)
            {
                return;
            }

            if (tensor.device_type != DeviceType.CPU)
            {
                throw new ArgumentException(
                    $"Sparse inference runs on the CPU, but {model.GetType().Name} at {Describe(path)} is on {tensor.device}: prepare model.cpu() instead.", nameof(model));
            }

            if (tensor.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            {
                throw new ArgumentException(
                    $"Sparse inference runs float32 and float64 models, but {model.GetType().Name} at {Describe(path)} has {tensor.dtype} weights: convert the model with model.to(float32) first.", nameof(model));
            }

            Dtype ??= tensor.dtype;
            if (tensor.dtype != Dtype)
            {
                throw new ArgumentException(
                    $"Sparse inference needs one dtype throughout, but {model.GetType().Name} at {Describe(path)} has {tensor.dtype} weights and the layers before it {Dtype}.", nameof(model));
            }
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

        private static string Describe(string path) => path.Length == 0 ? RootPath : $"'{path}'";
    }
}
