using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// A benchmark-only prototype of a faster MaskedDeepDan forward (not shipped; ReLU, no layer norm):
/// the same function with the skip maps fused by <em>source</em> layer. All skip maps leaving layer
/// <c>j</c> are stacked row-wise into one masked weight <c>[Σ n_k, n_j]</c>, so that as soon as layer
/// <c>j</c> is computed one masked product and one activation give every skip contribution it sends;
/// layer <c>k</c> then adds a piece (one <c>split</c> per source) per incoming skip. Exact, because an elementwise
/// activation of a slice is the slice of the activation, and no weight is added: the stacked matrix
/// holds exactly the entries of the separate maps. Built from an existing <see cref="MaskedDeepDan"/>
/// by copying its weights, so it can be checked against it (<see cref="MaxDifferenceFrom"/>).
/// </summary>
public sealed class SourceFusedDanPrototype : nn.Module<Tensor, Tensor>
{
    private readonly Parameter inputWeight;
    private readonly Parameter inputBias;
    private readonly ParameterList mainWeights = new();
    private readonly ParameterList mainBiases = new();
    private readonly ParameterList sourceWeights = new();
    private readonly ParameterList sourceBiases = new();
    private readonly Parameter outputWeight;
    private readonly Parameter outputBias;

    // Masks as float multipliers; the prototype only times them, so they are not buffers.
    private readonly Tensor[] _mainMasks;
    private readonly Tensor[] _sourceMasks;
    private readonly int[] _sourceSlot;
    private readonly (int Source, int Piece)[][] _incoming;
    private readonly long[][] _pieceSizes;
    private readonly int[] _layerSizes;

    public SourceFusedDanPrototype(MaskedDeepDan dan)
        : base(nameof(SourceFusedDanPrototype))
    {
        var layers = dan.LayerCount;
        _layerSizes = dan.Structure.Layers.LayerSizes();
        using var noGrad = no_grad();
        inputWeight = new Parameter(dan.InputMap.weight.detach().clone());
        inputBias = new Parameter(dan.InputMap.bias!.detach().clone());
        outputWeight = new Parameter(dan.OutputMap.weight.detach().clone());
        outputBias = new Parameter(dan.OutputMap.bias!.detach().clone());
        _mainMasks = new Tensor[layers];
        for (var k = 1; k < layers; k++)
        {
            var map = dan.MainMaps[k - 1];
            mainWeights.Add(new Parameter(map.weight.detach().clone()));
            mainBiases.Add(new Parameter(map.bias!.detach().clone()));
            _mainMasks[k] = map.Mask.to(ScalarType.Float32);
        }

        var incoming = Enumerable.Range(0, layers).Select(_ => new List<(int, int)>()).ToArray();
        _sourceSlot = Enumerable.Repeat(-1, layers).ToArray();
        _sourceMasks = new Tensor[layers];
        _pieceSizes = new long[layers][];
        for (var j = 0; j < layers; j++)
        {
            var maps = dan.Plan.SkipMaps.Select((plan, index) => (plan, index)).Where(p => p.plan.SourceLayer == j).OrderBy(p => p.plan.TargetLayer).ToArray();
            if (maps.Length == 0)
            {
                continue;
            }

            for (var piece = 0; piece < maps.Length; piece++)
            {
                incoming[maps[piece].plan.TargetLayer].Add((j, piece));
            }

            _pieceSizes[j] = maps.Select(p => (long)p.plan.OutFeatures).ToArray();

            _sourceSlot[j] = sourceWeights.Count;
            sourceWeights.Add(new Parameter(cat(maps.Select(p => dan.SkipMaps[p.index].weight.detach()).ToArray(), 0)));
            sourceBiases.Add(new Parameter(cat(maps.Select(p => dan.SkipMaps[p.index].bias!.detach()).ToArray(), 0)));
            _sourceMasks[j] = cat(maps.Select(p => dan.SkipMaps[p.index].Mask).ToArray(), 0).to(ScalarType.Float32);
        }

        // deepstruct sums a layer's skips in plan order (by source layer); keep that order.
        _incoming = incoming.Select(list => list.OrderBy(p => p.Item1).ToArray()).ToArray();
        RegisterComponents();
    }

    /// <summary>Builds the prototype directly from a wiring plan, as a fused MaskedDeepDan constructor would (the build benchmark).</summary>
    public SourceFusedDanPrototype(DanWiringPlan plan)
        : base(nameof(SourceFusedDanPrototype))
    {
        var structure = plan.Structure;
        var layers = structure.LayerCount;
        _layerSizes = structure.Layers.LayerSizes();
        using var noGrad = no_grad();
        (inputWeight, inputBias) = Initialized(plan.InputMap.OutFeatures, plan.InputMap.InFeatures);
        (outputWeight, outputBias) = Initialized(plan.OutputMap.OutFeatures, plan.OutputMap.InFeatures);
        _mainMasks = new Tensor[layers];
        for (var k = 1; k < layers; k++)
        {
            var map = plan.MainMaps[k - 1];
            var (weight, bias) = Initialized(map.OutFeatures, map.InFeatures);
            _mainMasks[k] = tensor(map.ToMask(), new long[] { map.OutFeatures, map.InFeatures }).to(ScalarType.Float32);
            weight.mul_(_mainMasks[k]);
            mainWeights.Add(weight);
            mainBiases.Add(bias);
        }

        // Skip maps grouped by source; within a source, by target (the plan orders by target, then source).
        var bySource = new List<LayerMap>[layers];
        foreach (var map in plan.SkipMaps)
        {
            (bySource[map.SourceLayer] ??= new List<LayerMap>()).Add(map);
        }

        var incoming = Enumerable.Range(0, layers).Select(_ => new List<(int, int)>()).ToArray();
        _sourceSlot = Enumerable.Repeat(-1, layers).ToArray();
        _sourceMasks = new Tensor[layers];
        _pieceSizes = new long[layers][];
        for (var j = 0; j < layers; j++)
        {
            var maps = bySource[j];
            if (maps is null)
            {
                continue;
            }

            var rows = 0;
            _pieceSizes[j] = new long[maps.Count];
            for (var piece = 0; piece < maps.Count; piece++)
            {
                incoming[maps[piece].TargetLayer].Add((j, piece));
                _pieceSizes[j][piece] = maps[piece].OutFeatures;
                rows += maps[piece].OutFeatures;
            }

            // Every stacked map reads layer j, so all share fan-in n_j: one initialization is exact.
            var columns = _layerSizes[j];
            var mask = new bool[rows * columns];
            var offset = 0;
            foreach (var map in maps)
            {
                var mapRows = map.Rows;
                var mapColumns = map.Columns;
                for (var e = 0; e < mapRows.Length; e++)
                {
                    mask[((offset + mapRows[e]) * columns) + mapColumns[e]] = true;
                }

                offset += map.OutFeatures;
            }

            var (weight, bias) = Initialized(rows, columns);
            _sourceMasks[j] = tensor(mask, new long[] { rows, columns }).to(ScalarType.Float32);
            weight.mul_(_sourceMasks[j]);
            _sourceSlot[j] = sourceWeights.Count;
            sourceWeights.Add(weight);
            sourceBiases.Add(bias);
        }

        _incoming = incoming.Select(list => list.ToArray()).ToArray();
        RegisterComponents();
    }

    /// <summary>A weight and bias initialized as TorchSharp's Linear (and MaskedLinear) does.</summary>
    private static (Parameter Weight, Parameter Bias) Initialized(long outFeatures, long inFeatures)
    {
        var weight = empty(outFeatures, inFeatures);
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        var bound = 1.0 / Math.Sqrt(inFeatures);
        var bias = empty(outFeatures);
        nn.init.uniform_(bias, -bound, bound);
        return (new Parameter(weight), new Parameter(bias));
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var layers = _layerSizes.Length;
        var outputs = new Tensor[layers];
        var sent = new Tensor[layers][];
        for (var k = 0; k < layers; k++)
        {
            var main = k == 0
                ? nn.functional.linear(input, inputWeight, inputBias)
                : nn.functional.linear(outputs[k - 1], mainWeights[k - 1].mul(_mainMasks[k]), mainBiases[k - 1]);
            var sum = nn.functional.relu(main);
            foreach (var (source, piece) in _incoming[k])
            {
                sum = sum.add(sent[source][piece]);
            }

            outputs[k] = sum;
            var slot = _sourceSlot[k];
            if (slot >= 0)
            {
                // One split per source: its backward is one concatenation, where a narrow per piece would each allocate a full-size gradient.
                sent[k] = nn.functional.relu(nn.functional.linear(sum, sourceWeights[slot].mul(_sourceMasks[k]), sourceBiases[slot])).split(_pieceSizes[k], 1);
            }
        }

        return nn.functional.linear(outputs[^1], outputWeight, outputBias).MoveToOuterDisposeScope();
    }

    /// <summary>The largest absolute difference between this prototype's output and <paramref name="dan"/>'s.</summary>
    public double MaxDifferenceFrom(MaskedDeepDan dan, Tensor input)
    {
        using var scope = NewDisposeScope();
        return (forward(input) - dan.call(input)).abs().max().item<float>();
    }
}
