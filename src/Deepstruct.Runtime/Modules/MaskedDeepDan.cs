using System;
using System.Collections.Generic;
using System.Globalization;
using Deepstruct.Graphs;
using Deepstruct.Structures;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A network wired like a structure (deepstruct's <c>MaskedDeepDAN</c>): the structure's layers
/// become hidden layers, one neuron per vertex; an edge between consecutive layers is a weight of a
/// masked main map, an edge that skips layers a weight of a masked skip map; a dense map feeds
/// layer 0 from the input and one reads the output from the last layer.
/// </summary>
/// <remarks>
/// Layer <c>k</c> computes <c>out_k = act(norm(main_k(out_{k-1}))) + Σ_j act(skip_jk(out_j))</c>, with
/// <c>out_{-1}</c> the flattened input and <c>main_0</c> the input map; the output map has no
/// activation. Layer norm, when on, sits on each layer's main path, layer 0 included (deepstruct
/// creates one for layer 0 but never applies it), except on layers of a single vertex, where a norm
/// would always output its bias (deepstruct normalizes those too, losing their signal). Wiring comes from <see cref="DanWiringPlan"/>,
/// which the source generator uses too, so generated and run-time models are wired identically.
/// <para>
/// The main and skip maps are stored fused, for speed: every map leaving layer <c>j</c> reads the same
/// <c>out_j</c>, so they are stacked row-wise and computed by one masked product, and all such stacks lie
/// in one flat weight parameter (<c>map_weights</c>), one bias (<c>map_biases</c>) and one bool mask
/// buffer (<c>map_masks</c>). The result is the same function: an elementwise activation of a slice is
/// the slice of the activation, and no weight is added. Each map stays reachable as a
/// <see cref="MaskedMapView"/> in <see cref="MainMaps"/> and <see cref="SkipMaps"/>, whose weight, bias
/// and mask are views that write through.
/// </para>
/// </remarks>
public class MaskedDeepDan : MaskableModule
{
    /// <summary>The local name of the fused weight parameter.</summary>
    internal const string FusedWeightName = "map_weights";

    [ComponentName(Name = "input_map")]
    private readonly MaskedLinear _inputMap;

    // The main and skip maps, fused (see FusedDanLayout); null for a structure of one layer, which has neither.
    [ComponentName(Name = FusedWeightName)]
    private Parameter? _fusedWeight;

    [ComponentName(Name = "map_biases")]
    private Parameter? _fusedBias;

    [ComponentName(Name = "map_masks")]
    private Tensor? _fusedMask;

    [ComponentName(Name = "norms")]
    private readonly ModuleList<LayerNorm> _norms = new();

    [ComponentName(Name = "output_map")]
    private readonly MaskedLinear _outputMap;

    private readonly long[] _inputShape;
    private readonly FusedDanLayout _layout;
    private readonly MaskedMapView[] _mainMaps;
    private readonly MaskedMapView[] _skipMaps;
    private readonly IReadOnlyList<MaskedMapView> _mainMapList;
    private readonly IReadOnlyList<MaskedMapView> _skipMapList;

    // For each layer, its norm's index in _norms, or -1 where it has none (norm off, or a layer of one vertex).
    private readonly int[] _normOfLayer;

    // What each layer does in the forward pass, decided here once (see DanLayerStep).
    private readonly DanLayerStep[] _steps;

    /// <summary>Creates the network on <paramref name="structure"/> for inputs of <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex (a <see cref="LayeredGraph"/> gives one with <see cref="LayeredGraph.ToStructure"/>).</param>
    /// <param name="options">Layer norm, activation, bias and representation; <see langword="null"/> for <see cref="DanOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">A size is below 1, the structure has no vertex, an option is not defined, or a map or the network would have more weights than <see cref="WeightLimits"/> allows.</exception>
    public MaskedDeepDan(int inputSize, int outputSize, Structure structure, DanOptions? options = null)
        : this(new long[] { inputSize >= 1 ? inputSize : throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"inputSize must be at least 1, but was {inputSize}.") }, outputSize, structure, options)
    {
    }

    /// <summary>Creates the network on <paramref name="structure"/> for inputs of shape <c>[batch, ..inputShape]</c>.</summary>
    /// <param name="inputShape">The shape of one example, flattened by the network.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex (a <see cref="LayeredGraph"/> gives one with <see cref="LayeredGraph.ToStructure"/>).</param>
    /// <param name="options">Layer norm, activation, bias and representation; <see langword="null"/> for <see cref="DanOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The shape is empty, a size is below 1, the structure has no vertex, an option is not defined, or a map or the network would have more weights than <see cref="WeightLimits"/> allows.</exception>
    public MaskedDeepDan(long[] inputShape, int outputSize, Structure structure, DanOptions? options = null)
        : base(nameof(MaskedDeepDan))
    {
        _inputShape = InputShapes.Validate(inputShape, nameof(inputShape), out var inputSize);
        ArgumentNullException.ThrowIfNull(structure);
        Options = options ?? DanOptions.Default;
        CheckOptions(Options);
        Plan = DanWiringPlan.Create(structure, inputSize, outputSize);
        _layout = FusedDanLayout.Create(Plan);
        CheckWeightCounts(Plan, _layout);

        _inputMap = new MaskedLinear(Plan.InputMap.InFeatures, Plan.InputMap.OutFeatures, Options.Bias);
        if (_layout.GroupCount > 0)
        {
            (_fusedWeight, _fusedBias, _fusedMask) = CreateFused(Plan, _layout, Options.Bias);
        }

        _mainMaps = new MaskedMapView[Plan.MainMaps.Count];
        for (var i = 0; i < _mainMaps.Length; i++)
        {
            var map = Plan.MainMaps[i];
            _mainMaps[i] = new MaskedMapView(this, "main_maps." + i.ToString(CultureInfo.InvariantCulture), map, _layout.MainWeightOffsets[i], _layout.MainBiasOffsets[i]);
        }

        _skipMaps = new MaskedMapView[Plan.SkipMaps.Count];
        for (var s = 0; s < _skipMaps.Length; s++)
        {
            var map = Plan.SkipMaps[s];
            _skipMaps[s] = new MaskedMapView(this, "skip_maps." + s.ToString(CultureInfo.InvariantCulture), map, _layout.SkipWeightOffsets[s], _layout.SkipBiasOffsets[s]);
        }

        _mainMapList = Array.AsReadOnly(_mainMaps);
        _skipMapList = Array.AsReadOnly(_skipMaps);

        _normOfLayer = new int[structure.LayerCount];
        for (var layer = 0; layer < structure.LayerCount; layer++)
        {
            // A layer norm over one value subtracts that value from itself: it always outputs its bias
            // and cuts the layer's main path off from the input. Such layers keep no norm.
            var size = structure.Layers.SizeOf(layer);
            _normOfLayer[layer] = Options.LayerNorm && size > 1 ? _norms.Count : -1;
            if (_normOfLayer[layer] >= 0)
            {
                _norms.Add(nn.LayerNorm(size));
            }
        }

        _steps = DanLayerStep.Plan(_layout, _normOfLayer);
        _outputMap = new MaskedLinear(Plan.OutputMap.InFeatures, Plan.OutputMap.OutFeatures, Options.Bias);
        RegisterComponents();
    }

    /// <summary>The wiring plan the network was built from (its structure included).</summary>
    public DanWiringPlan Plan { get; }

    /// <summary>The structure the network is wired like.</summary>
    public Structure Structure => Plan.Structure;

    /// <summary>The shape of one example.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>Features per example after flattening.</summary>
    public int InputSize => Plan.InputMap.InFeatures;

    /// <summary>Outputs per example.</summary>
    public int OutputSize => Plan.OutputMap.OutFeatures;

    /// <summary>The number of hidden layers: the structure's layers.</summary>
    public int LayerCount => Structure.LayerCount;

    /// <summary>The options the network was built with (<see cref="DanOptions.Representation"/> as given; <see cref="Representation"/> is the one chosen).</summary>
    public DanOptions Options { get; }

    /// <summary>How the main and skip maps are stored: <see cref="DanRepresentation.Dense"/> or <see cref="DanRepresentation.Edges"/>, never <see cref="DanRepresentation.Auto"/> (see <see cref="DanOptions.AutoEdgeDensity"/>).</summary>
    public DanRepresentation Representation { get; } = DanRepresentation.Dense;

    /// <summary>Whether each layer of more than one vertex normalizes its main path before the activation.</summary>
    public bool UseLayerNorm => Options.LayerNorm;

    /// <summary>Whether <paramref name="layer"/> normalizes its main path: <see cref="UseLayerNorm"/> and the layer has more than one vertex.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer.</exception>
    public bool HasLayerNorm(int layer)
    {
        if ((uint)layer >= (uint)_normOfLayer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer = {layer} is not a layer; layers are 0..{_normOfLayer.Length - 1}.");
        }

        return _normOfLayer[layer] >= 0;
    }

    /// <summary>The nonlinearity of the hidden layers.</summary>
    public Activation Activation => Options.Activation;

    /// <summary>The dense map from the input to layer 0.</summary>
    public MaskedLinear InputMap => _inputMap;

    /// <summary>
    /// The main maps; index <c>k-1</c> maps layer <c>k-1</c> to layer <c>k</c> (parallel to <see cref="DanWiringPlan.MainMaps"/>).
    /// Each is a view into the fused weights; the same object on every access.
    /// </summary>
    public IReadOnlyList<MaskedMapView> MainMaps => _mainMapList;

    /// <summary>The skip maps, parallel to <see cref="DanWiringPlan.SkipMaps"/>; views into the fused weights, the same objects on every access.</summary>
    public IReadOnlyList<MaskedMapView> SkipMaps => _skipMapList;

    /// <summary>The dense map from the last layer to the output.</summary>
    public MaskedLinear OutputMap => _outputMap;

    /// <summary>The fused weight of the main and skip maps (see the remarks); only views read it, and a structure of one layer, which has none, has no views.</summary>
    internal Parameter FusedWeight => _fusedWeight ?? throw new InvalidOperationException("A DAN on a structure of one layer has no main or skip maps.");

    /// <summary>The fused bias, or <see langword="null"/> without biases (or maps).</summary>
    internal Parameter? FusedBias => _fusedBias;

    /// <summary>The fused mask buffer.</summary>
    /// <summary>The fused mask the structure allows, true exactly at its edges (a new tensor the caller owns).</summary>
    internal Tensor StructureConnections() => DanStructureMasks.Connections(Plan, _layout, FusedMask.device);

    internal Tensor FusedMask => _fusedMask ?? throw new InvalidOperationException("A DAN on a structure of one layer has no main or skip maps.");

    /// <summary>The input map, the main maps, the skip maps (in plan order), then the output map: each weight exactly once.</summary>
    public override IEnumerable<IMaskedWeight> MaskableLayers()
    {
        yield return _inputMap;
        foreach (var map in _mainMaps)
        {
            yield return map;
        }

        foreach (var map in _skipMaps)
        {
            yield return map;
        }

        yield return _outputMap;
    }

    /// <summary>Sets the stored weights at masked positions to exactly zero: one operation on the fused maps, not one per map.</summary>
    public override void ApplyMask()
    {
        _inputMap.ApplyMask();
        if (_fusedWeight is not null)
        {
            MaskAssignment.ZeroMasked(_fusedWeight, _fusedMask!);
        }

        _outputMap.ApplyMask();
    }

    /// <summary>
    /// In every map, masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others
    /// (the fused maps at once); in the main and skip maps only the structure's edges can be unmasked.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public override void RecomputeMask(double theta = 0.001)
    {
        _inputMap.RecomputeMask(theta);
        if (_fusedWeight is not null)
        {
            // A weight that is no edge stays masked whatever its magnitude (theta 0 keeps |0| ≥ 0).
            MaskAssignment.Recompute(_fusedWeight, _fusedMask!, theta, allowed: StructureConnections);
        }

        _outputMap.RecomputeMask(theta);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not <c>[batch, ..InputShape]</c>.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var flat = InputShapes.Flatten(input, _inputShape, _inputMap.weight.dtype, nameof(MaskedDeepDan));
        Tensor[]? weights = null;
        Tensor[]? biases = null;
        if (_fusedWeight is not null)
        {
            // One mask multiply and one split for all maps; split's backward is a single concatenation.
            weights = _fusedWeight.mul(_fusedMask!).split(_layout.GroupWeights);
            biases = _fusedBias?.split(_layout.GroupRows);
        }

        // sent[j]: group j's pieces — the main path into j+1, then its skip contributions (see DanGroupSend).
        var sent = new Tensor[_layout.GroupCount][];
        Tensor current = null!;
        foreach (var step in _steps)
        {
            var main = step.Layer == 0 ? _inputMap.call(flat) : sent[step.Layer - 1][0];
            if (step.ActivatesMain)
            {
                main = ActivationFunctions.Apply(Activation, step.Norm >= 0 ? _norms[step.Norm].call(main) : main);
            }

            current = AddSkips(main, step.Incoming, sent);
            if (step.Send is { } send)
            {
                var group = nn.functional.linear(current, weights![step.Layer].view(send.Rows, send.Columns), biases?[step.Layer]);
                sent[step.Layer] = Split(group, send);
            }
        }

        return _outputMap.call(current).MoveToOuterDisposeScope();
    }

    /// <summary>Describes the first unmasked entry of the main and skip maps that is not an edge of <see cref="Structure"/>, or returns <see langword="null"/>.</summary>
    /// <param name="prefix">The network's prefix in the state_dict being checked, for naming the mask.</param>
    protected internal override string? FindMaskBeyondStructure(string prefix) =>
        _fusedMask is null ? null : DanStructureMasks.FindBeyond(Plan, _layout, _fusedMask, prefix + "map_masks");

    /// <inheritdoc />
    protected internal override bool HasStructuralMasks => _fusedMask is not null;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var map in _mainMaps)
            {
                map.Dispose();
            }

            foreach (var map in _skipMaps)
            {
                map.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Refuses, before any tensor is allocated, maps larger than <see cref="WeightLimits"/> allows.</summary>
    private static void CheckWeightCounts(DanWiringPlan plan, FusedDanLayout layout)
    {
        var first = plan.InputMap;
        var last = plan.OutputMap;
        var input = WeightLimits.CheckDense(first.OutFeatures, first.InFeatures, $"The MaskedDeepDan's input map (inputSize = {first.InFeatures} → layer 0 of {first.OutFeatures} vertices)", "inputShape");
        var output = WeightLimits.CheckDense(last.OutFeatures, last.InFeatures, $"The MaskedDeepDan's output map (layer {last.SourceLayer} of {last.InFeatures} vertices → outputSize = {last.OutFeatures})", "outputSize");
        WeightLimits.CheckTensor(layout.TotalWeights, $"The MaskedDeepDan's main and skip maps (stored fused, dense between the layers they join, {plan.Structure.VertexCount} vertices in {plan.Structure.LayerCount} layers)", "structure");
        WeightLimits.CheckTotal(
            (decimal)input + output + layout.TotalWeights,
            nameof(MaskedDeepDan),
            $"inputSize = {first.InFeatures}, a structure of {plan.Structure.VertexCount} vertices in {plan.Structure.LayerCount} layers and outputSize = {last.OutFeatures}",
            "structure");
    }

    /// <summary>
    /// <c>main + Σ skips</c>, the skips in ascending source order as deepstruct adds them. Out of place:
    /// activations such as ReLU keep their output for the backward pass. Many skips are stacked and
    /// summed in one reduction rather than added one operation each.
    /// </summary>
    private static Tensor AddSkips(Tensor main, (int Source, int Piece)[] incoming, Tensor[][] sent)
    {
        if (incoming.Length == 1)
        {
            foreach (var (source, piece) in incoming)
            {
                main = main.add(sent[source][piece]);
            }

            return main;
        }

        if (incoming.Length == 0)
        {
            return main;
        }

        var terms = new Tensor[incoming.Length + 1];
        terms[0] = main;
        for (var i = 0; i < incoming.Length; i++)
        {
            terms[i + 1] = sent[incoming[i].Source][incoming[i].Piece];
        }

        return stack(terms).sum(0L);
    }

    /// <summary>
    /// A group's pieces: all activated, or, when its target normalizes its main path first, that piece
    /// raw and the skip pieces activated.
    /// </summary>
    private Tensor[] Split(Tensor group, DanGroupSend send)
    {
        if (!send.MainLeavesRaw)
        {
            return ActivationFunctions.Apply(Activation, group).split(send.PieceRows, 1);
        }

        if (send.PieceRows.Length == 1)
        {
            return new[] { group };
        }

        var parts = group.split(send.MainAndRest, 1);
        var skips = ActivationFunctions.Apply(Activation, parts[1]).split(send.PieceRows[1..], 1);
        var result = new Tensor[send.PieceRows.Length];
        result[0] = parts[0];
        skips.CopyTo(result, 1);
        return result;
    }

    private static void CheckOptions(DanOptions options)
    {
        if (!Enum.IsDefined(options.Activation))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Activation, $"options.Activation = {options.Activation} is not an Activation.");
        }

        if (!Enum.IsDefined(options.Representation))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Representation, $"options.Representation = {options.Representation} is not a DanRepresentation.");
        }
    }

    /// <summary>
    /// The fused parameters, initialized in bulk as each map would be on its own: every connection
    /// uniform in ±1/√fan_in (TorchSharp's <c>Linear</c>; the maps of a group share the fan-in), masked
    /// entries exactly zero, biases uniform in the same bound. Built outside any caller's dispose scope:
    /// a parameter adopts the scope of its tensor.
    /// </summary>
    private static (Parameter Weight, Parameter? Bias, Tensor Mask) CreateFused(DanWiringPlan plan, FusedDanLayout layout, bool bias)
    {
        var (positionValues, weightBound, biasBound) = layout.Initialization(plan);
        using (no_grad())
        {
            using var positions = tensor(positionValues);
            var mask = zeros(layout.TotalWeights, dtype: ScalarType.Bool).index_fill_(0, positions, TorchScalars.True).DetachFromDisposeScope();
            using var bounds = tensor(weightBound);
            using var drawn = empty(positionValues.LongLength).uniform_(-1, 1).mul_(bounds);
            var weight = new Parameter(zeros(layout.TotalWeights).index_copy_(0, positions, drawn));
            weight.DetachFromDisposeScope();
            Parameter? biasParameter = null;
            if (bias)
            {
                using var biasScale = tensor(biasBound);
                biasParameter = new Parameter(empty(layout.TotalRows).uniform_(-1, 1).mul_(biasScale));
                biasParameter.DetachFromDisposeScope();
            }

            return (weight, biasParameter, mask);
        }
    }
}
