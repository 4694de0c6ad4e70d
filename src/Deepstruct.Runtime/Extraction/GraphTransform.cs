using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Deepstruct.Graphs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>
/// Turns a module into its zeroth-order graph, a vertex per neuron (deepstruct's <c>GraphTransform</c>):
/// <c>new GraphTransform(torch.randn(1, 784)).Transform(model)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The random input carries a batch dimension of 1, which is not part of the graph; its other values
/// are the input layer (layer 0). The model runs once on it, in evaluation mode and without gradients,
/// with forward hooks on every module; the calls are then walked in execution order. Each
/// <c>Linear</c>, <c>MaskedLinear</c> and <c>Conv2d</c> adds a layer of its outputs with edges from the
/// layer before; a <see cref="MaskedDeepDan"/> adds its structure's layers and its output layer.
/// Neurons are numbered layer after layer, within a layer in tensor memory order (channel, row, column).
/// </para>
/// <para>
/// Rules: a <see cref="MaskedLinear"/> contributes its mask exactly (deepstruct recomputes it from |w|);
/// a plain <c>Linear</c> keeps the weights with |w| ≥ <see cref="GraphTransformOptions.LinearThreshold"/>;
/// <c>Conv2d</c> follows stride, padding (also 'same' and non-zero padding modes), dilation, groups and
/// rectangular inputs; activations, norms, dropout, flatten and identity pass through; containers
/// (<c>Sequential</c>, custom modules) are walked through the calls they make. Any other module kind
/// is an error naming it, or with <see cref="UnsupportedModuleHandling.SkipWithWarning"/> a warning.
/// </para>
/// <para>
/// The walk assumes data flows from one module call to the next. Functional code between calls that
/// changes the number of values is detected (an error naming the module); code that keeps it (a
/// residual addition in a custom module) cannot be seen by hooks and is not represented.
/// </para>
/// </remarks>
public sealed class GraphTransform
{
    private readonly Tensor _randomInput;
    private readonly GraphTransformOptions _options;
    private readonly List<string> _warnings = new();

    /// <summary>Creates the transform for inputs like <paramref name="randomInput"/>, which the caller keeps owning.</summary>
    /// <param name="randomInput">An input of shape <c>[1, …]</c>: a batch of one example.</param>
    /// <param name="options">Thresholds, limits and the handling of unsupported modules; null for the defaults.</param>
    /// <exception cref="ArgumentException">The input does not have a batch dimension of 1.</exception>
    public GraphTransform(Tensor randomInput, GraphTransformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(randomInput);
        if (randomInput.Dimensions < 2 || randomInput.shape[0] != 1)
        {
            throw new ArgumentException(
                $"randomInput must have a batch dimension of 1 followed by the example's shape, such as [1, 784], but has shape {MaskedLinear.Describe(randomInput.shape)}.",
                nameof(randomInput));
        }

        _randomInput = randomInput;
        _options = options ?? new GraphTransformOptions();
        if (!(_options.LinearThreshold >= 0) || (_options.ConvolutionThreshold is double theta && !(theta >= 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Thresholds must be at least 0.");
        }
    }

    /// <summary>The warnings of the last <see cref="Transform"/> or <see cref="Estimate"/> (skipped modules).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The size of the graph <see cref="Transform"/> would build, computed without building it.</summary>
    /// <exception cref="GraphExtractionException">A module cannot be extracted; the message names it and why.</exception>
    public ExtractionEstimate Estimate(nn.Module<Tensor, Tensor> module)
    {
        var (steps, inputCount) = Plan(module);
        return Summarize(steps, inputCount);
    }

    /// <summary>Extracts the graph of <paramref name="module"/>.</summary>
    /// <exception cref="GraphExtractionException">
    /// A module is of an unsupported kind, does not fit the random input or the neurons before it, or
    /// the graph would exceed <see cref="GraphTransformOptions.MaxVertices"/> or
    /// <see cref="GraphTransformOptions.MaxEdges"/> (checked before building); the message names the module and the reason.
    /// </exception>
    public LabeledDag Transform(nn.Module<Tensor, Tensor> module)
    {
        var (steps, inputCount) = Plan(module);
        var estimate = Summarize(steps, inputCount);
        CheckLimits(module, estimate);
        var builder = new ExtractedGraphBuilder(estimate.Vertices, estimate.Edges);
        var frontier = new Frontier(builder.AddVertices((int)inputCount, 0), (int)inputCount, 0);
        foreach (var step in steps)
        {
            frontier = step.Emit(builder, frontier);
        }

        return builder.Build();
    }

    private (List<PlannedStep> Steps, long InputCount) Plan(nn.Module<Tensor, Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        _warnings.Clear();
        var root = ModuleCallRecorder.Record(module, _randomInput);
        var inputCount = ModuleCall.Count(_randomInput.shape);
        var steps = new List<PlannedStep>();
        var frontier = Walk(root, inputCount, steps);
        if (root.OutputCount != frontier)
        {
            throw root.Fail(string.Format(
                CultureInfo.InvariantCulture,
                "it outputs {0} values but the modules it calls end with {1} neurons; code outside any module (a functional call) changes the values, which hooks cannot follow.",
                root.OutputCount,
                frontier));
        }

        return (steps, inputCount);
    }

    /// <summary>Plans one call; returns the number of neurons after it.</summary>
    private long Walk(ModuleCall call, long frontier, List<PlannedStep> steps)
    {
        if (call.InputCount != frontier)
        {
            throw call.Fail(string.Format(
                CultureInfo.InvariantCulture,
                "its input has {0} values but the layer before it has {1} neurons; the data reaching it does not come straight from the module before (a functional call or a branch in between), which zeroth-order extraction cannot follow.",
                call.InputCount,
                frontier));
        }

        PlannedStep? step = call.Module switch
        {
            MaskedDeepDan dan => new DanStep(call, dan),
            MaskedLinear masked => new LinearStep(call, () => masked.Mask, masked.InFeatures, masked.OutFeatures),
            Linear linear => new LinearStep(call, () => linear.weight.detach().abs().ge(_options.LinearThreshold), linear.in_features, linear.out_features),
            Conv2d convolution => new ConvolutionStep(call, convolution, _options.ConvolutionThreshold),
            _ => null,
        };
        if (step is not null)
        {
            steps.Add(step);
            return step.Outputs;
        }

        if (PointwiseModules.Contains(call.Module.GetType(), _options.PointwiseModuleTypes))
        {
            if (call.OutputCount != call.InputCount)
            {
                throw call.Fail($"a point-wise module should keep the number of values, but it maps {call.InputCount} to {call.OutputCount}.");
            }

            return frontier;
        }

        if (call.Children.Count > 0)
        {
            foreach (var child in call.Children)
            {
                frontier = Walk(child, frontier, steps);
            }

            if (call.OutputCount != frontier)
            {
                throw call.Fail(string.Format(
                    CultureInfo.InvariantCulture,
                    "it outputs {0} values but the modules it calls end with {1} neurons; code between its submodules (a functional call) changes the values, which hooks cannot follow.",
                    call.OutputCount,
                    frontier));
            }

            return frontier;
        }

        return Unsupported(call, frontier, steps);
    }

    private long Unsupported(ModuleCall call, long frontier, List<PlannedStep> steps)
    {
        var reason = $"no extraction rule for module kind {call.TypeName}";
        if (_options.UnsupportedModules == UnsupportedModuleHandling.Throw)
        {
            throw call.Fail(reason + "; supported are Linear, MaskedLinear, Conv2d, MaskedDeepDan, point-wise modules (activations, norms, dropout, flatten) and containers of them. "
                + "Set GraphTransformOptions.UnsupportedModules = SkipWithWarning to skip it, or list it in PointwiseModuleTypes.");
        }

        string warning;
        if (call.OutputCount == call.InputCount)
        {
            warning = $"Skipped {call.Describe()}: {reason}; passed through as if point-wise.";
        }
        else
        {
            steps.Add(new DisconnectedStep(call));
            warning = $"Skipped {call.Describe()}: {reason}; its {call.OutputCount} outputs start a new layer without edges from its {call.InputCount} inputs.";
            frontier = call.OutputCount;
        }

        _warnings.Add(warning);
        if (_options.OnWarning is { } report)
        {
            report(warning);
        }
        else
        {
            Console.Error.WriteLine("warning: " + warning);
        }

        return frontier;
    }

    private static ExtractionEstimate Summarize(List<PlannedStep> steps, long inputCount)
    {
        var described = new List<ExtractionStep>(steps.Count + 1) { new(string.Empty, "input", inputCount, 0) };
        described.AddRange(steps.Select(step => step.Describe()));
        return new ExtractionEstimate(described.Sum(step => step.Vertices), described.Sum(step => step.Edges), described);
    }

    private void CheckLimits(nn.Module module, ExtractionEstimate estimate)
    {
        var vertexLimit = Math.Min(_options.MaxVertices, int.MaxValue);
        var edgeLimit = Math.Min(_options.MaxEdges, int.MaxValue);
        if (estimate.Vertices <= vertexLimit && estimate.Edges <= edgeLimit)
        {
            return;
        }

        var byVertices = estimate.Vertices > vertexLimit;
        var largest = estimate.Steps.OrderByDescending(step => byVertices ? step.Vertices : step.Edges).First();
        var what = byVertices ? "vertices" : "edges";
        throw new GraphExtractionException(
            string.Empty,
            module.GetType().Name,
            string.Format(
                CultureInfo.InvariantCulture,
                "the graph would have {0:N0} vertices and {1:N0} edges, more {2} than the limit of {3:N0} (GraphTransformOptions.Max{4}); the most come from {5}, with {6:N0}. Raise the limit or extract a smaller model.",
                estimate.Vertices,
                estimate.Edges,
                what,
                byVertices ? vertexLimit : edgeLimit,
                byVertices ? "Vertices" : "Edges",
                largest.ModuleType == "input" ? "the input layer" : GraphExtractionException.Describe(largest.ModulePath, largest.ModuleType),
                byVertices ? largest.Vertices : largest.Edges));
    }
}
