using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
/// The main and skip maps have two representations (<see cref="DanOptions.Representation"/>), the same
/// function under each. <see cref="DanRepresentation.Dense"/> stores them fused: every map leaving layer
/// <c>j</c> reads the same <c>out_j</c>, so they are stacked row-wise and computed by one masked product, and
/// all such stacks lie in one flat weight parameter (<c>map_weights</c>), one bias (<c>map_biases</c>) and one
/// bool mask buffer (<c>map_masks</c>); memory and time follow the layer-pair blocks.
/// <see cref="DanRepresentation.Edges"/> stores one weight per structure edge (<c>edge_maps.*</c>) and
/// computes all main and skip maps in one edge kernel; memory and time follow the edges.
/// <see cref="DanRepresentation.Auto"/> (the default) picks Edges when the edges are at most
/// <see cref="DanOptions.AutoEdgeDensity"/> of the dense fused entries.
/// </para>
/// <para>
/// Each map stays reachable as a <see cref="MaskedMapView"/> in <see cref="MainMaps"/> and <see cref="SkipMaps"/>:
/// under Dense its weight, bias and mask are views that write through; under Edges they are copies, and
/// <see cref="MaskedMapView.SetWeight"/>, <see cref="MaskedMapView.SetBias"/> and <see cref="MaskedMapView.SetMask"/>
/// write one map under either. <see cref="MaskableLayers"/> gives the maps as pruning sees them: the views
/// (<c>[out, in]</c>) under Dense, the maps' edges (<c>[edges]</c>, views that write through) under Edges.
/// </para>
/// <para>
/// A state_dict holds the representation's own keys; <c>load</c> and <c>load_state_dict</c> of the network
/// itself take a checkpoint of either representation and convert it (see <see cref="ParameterCount"/> for the sizes).
/// </para>
/// </remarks>
public class MaskedDeepDan : MaskableModule
{
    /// <summary>The local name of the fused weight parameter.</summary>
    internal const string FusedWeightName = "map_weights";

    /// <summary>The local name of the fused bias parameter.</summary>
    internal const string FusedBiasName = "map_biases";

    /// <summary>The local name of the fused mask buffer.</summary>
    internal const string FusedMaskName = "map_masks";

    /// <summary>The local name of the edge maps module (Edges).</summary>
    internal const string EdgeMapsName = "edge_maps";

    /// <summary>The qualified local name of the edge weight parameter.</summary>
    internal const string EdgeWeightName = EdgeMapsName + ".edge_weights";

    /// <summary>The local name of the structure fingerprint buffer (Edges), which makes the load check possible.</summary>
    internal const string StructureHashName = "structure_hash";

    [ComponentName(Name = "input_map")]
    private readonly MaskedLinear _inputMap;

    // Dense: the main and skip maps, fused (see FusedDanLayout); null under Edges and for a structure of one layer.
    [ComponentName(Name = FusedWeightName)]
    private Parameter? _fusedWeight;

    [ComponentName(Name = FusedBiasName)]
    private Parameter? _fusedBias;

    [ComponentName(Name = FusedMaskName)]
    private Tensor? _fusedMask;

    // Edges: the main and skip maps per edge, and the structure's fingerprint; null under Dense.
    [ComponentName(Name = EdgeMapsName)]
    private readonly EdgeDanMaps? _edgeMaps;

    [ComponentName(Name = StructureHashName)]
    private Tensor? _structureHash;

    // Dense: the norm of every normalized layer; Edges: layer 0's only (the edge maps hold the others).
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

    // Edges: each map's edges as a masked weight, main maps then skip maps; empty under Dense.
    private readonly EdgeMapWeight[] _edgeWeights;

    // For each layer, whether its main path is normalized: norm on and more than one vertex.
    private readonly bool[] _normalized;

    // What each layer does in the forward pass, decided here once (see DanLayerStep); Edges uses layer 0's only.
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
        Representation = Choose(Options.Representation, Plan, _layout);
        CheckWeightCounts(Plan, _layout, Representation);

        _inputMap = new MaskedLinear(Plan.InputMap.InFeatures, Plan.InputMap.OutFeatures, Options.Bias);
        _normalized = new bool[structure.LayerCount];
        var normOfLayer = new int[structure.LayerCount];
        for (var layer = 0; layer < structure.LayerCount; layer++)
        {
            // A layer norm over one value subtracts that value from itself: it always outputs its bias
            // and cuts the layer's main path off from the input. Such layers keep no norm.
            var size = structure.Layers.SizeOf(layer);
            _normalized[layer] = Options.LayerNorm && size > 1;
            normOfLayer[layer] = -1;
            if (_normalized[layer] && (Representation == DanRepresentation.Dense || layer == 0))
            {
                normOfLayer[layer] = _norms.Count;
                _norms.Add(nn.LayerNorm(size));
            }
        }

        _steps = DanLayerStep.Plan(_layout, normOfLayer);
        EdgeDanLayout? edgeLayout = null;
        if (Representation == DanRepresentation.Edges)
        {
            edgeLayout = EdgeDanLayout.Create(Plan);
            _edgeMaps = new EdgeDanMaps(Plan, edgeLayout, _normalized, Options.Activation, Options.Bias);
            _structureHash = tensor(new[] { StructureFingerprint.Of(Plan.Structure) }).DetachFromDisposeScope();
        }
        else if (_layout.GroupCount > 0)
        {
            (_fusedWeight, _fusedBias, _fusedMask) = CreateFused(Plan, _layout, Options.Bias);
        }

        _mainMaps = new MaskedMapView[Plan.MainMaps.Count];
        _skipMaps = new MaskedMapView[Plan.SkipMaps.Count];
        _edgeWeights = new EdgeMapWeight[edgeLayout is null ? 0 : _mainMaps.Length + _skipMaps.Length];
        for (var i = 0; i < _mainMaps.Length; i++)
        {
            var name = "main_maps." + i.ToString(CultureInfo.InvariantCulture);
            var edges = edgeLayout is null ? null : _edgeWeights[i] = new EdgeMapWeight(this, name, edgeLayout.MainMaps[i]);
            _mainMaps[i] = new MaskedMapView(this, name, Plan.MainMaps[i], i, _layout.MainWeightOffsets[i], _layout.MainBiasOffsets[i], edges);
        }

        for (var s = 0; s < _skipMaps.Length; s++)
        {
            var name = "skip_maps." + s.ToString(CultureInfo.InvariantCulture);
            var edges = edgeLayout is null ? null : _edgeWeights[_mainMaps.Length + s] = new EdgeMapWeight(this, name, edgeLayout.SkipMaps[s]);
            _skipMaps[s] = new MaskedMapView(this, name, Plan.SkipMaps[s], s, _layout.SkipWeightOffsets[s], _layout.SkipBiasOffsets[s], edges);
        }

        _mainMapList = Array.AsReadOnly(_mainMaps);
        _skipMapList = Array.AsReadOnly(_skipMaps);
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

    /// <summary>
    /// How the main and skip maps are stored: <see cref="DanRepresentation.Dense"/> or <see cref="DanRepresentation.Edges"/>,
    /// never <see cref="DanRepresentation.Auto"/>, which chooses Edges when the structure's edges are at most
    /// <see cref="DanOptions.AutoEdgeDensity"/> of the entries the dense fused maps would hold (and the structure has more than one layer).
    /// </summary>
    public DanRepresentation Representation { get; }

    /// <summary>
    /// The number of trainable values the network stores: what the optimizer updates and a checkpoint holds.
    /// Under <see cref="DanRepresentation.Edges"/>: <c>E + in·n_0 + n_last·out + biases + norms</c>, with E the
    /// structure's edges, biases (when on) <c>n_0 + out</c> plus one per row of every main and skip map (each
    /// map has a bias row for every vertex of its target layer), and norms <c>2·n_k</c> per normalized layer.
    /// Under <see cref="DanRepresentation.Dense"/> the dense fused entries (<see cref="DenseFusedEntries"/>) take E's place.
    /// </summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            foreach (var parameter in parameters())
            {
                count += parameter.NumberOfElements;
            }

            return count;
        }
    }

    /// <summary>The entries the dense fused maps hold (or would hold under Edges): per source layer <c>j</c>, <c>|layer j|</c> × the rows of the maps leaving it.</summary>
    public long DenseFusedEntries => _layout.TotalWeights;

    /// <summary>The structure's edges: the weights of the main and skip maps that can be unmasked.</summary>
    public long EdgeCount => Plan.Structure.EdgeCount;

    /// <summary>Whether each layer of more than one vertex normalizes its main path before the activation.</summary>
    public bool UseLayerNorm => Options.LayerNorm;

    /// <summary>Whether <paramref name="layer"/> normalizes its main path: <see cref="UseLayerNorm"/> and the layer has more than one vertex.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer.</exception>
    public bool HasLayerNorm(int layer)
    {
        if ((uint)layer >= (uint)_normalized.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer = {layer} is not a layer; layers are 0..{_normalized.Length - 1}.");
        }

        return _normalized[layer];
    }

    /// <summary>The nonlinearity of the hidden layers.</summary>
    public Activation Activation => Options.Activation;

    /// <summary>The dense map from the input to layer 0.</summary>
    public MaskedLinear InputMap => _inputMap;

    /// <summary>
    /// The main maps; index <c>k-1</c> maps layer <c>k-1</c> to layer <c>k</c> (parallel to <see cref="DanWiringPlan.MainMaps"/>).
    /// The same objects on every access; under Dense views into the fused weights, under Edges readers and writers of the edges (see <see cref="MaskedMapView"/>).
    /// </summary>
    public IReadOnlyList<MaskedMapView> MainMaps => _mainMapList;

    /// <summary>The skip maps, parallel to <see cref="DanWiringPlan.SkipMaps"/>; the same objects on every access (see <see cref="MainMaps"/>).</summary>
    public IReadOnlyList<MaskedMapView> SkipMaps => _skipMapList;

    /// <summary>The dense map from the last layer to the output.</summary>
    public MaskedLinear OutputMap => _outputMap;

    /// <summary>The fused weight of the main and skip maps (Dense; see the remarks); only views read it, and a structure of one layer, which has none, has no views.</summary>
    internal Parameter FusedWeight => _fusedWeight ?? throw new InvalidOperationException(NoFused);

    /// <summary>The fused bias, or <see langword="null"/> without biases (or maps, or under Edges).</summary>
    internal Parameter? FusedBias => _fusedBias;

    /// <summary>The fused mask buffer (Dense).</summary>
    internal Tensor FusedMask => _fusedMask ?? throw new InvalidOperationException(NoFused);

    /// <summary>The edge maps (Edges).</summary>
    internal EdgeDanMaps EdgeMaps => _edgeMaps ?? throw new InvalidOperationException("This DAN stores its maps dense (Representation = Dense): it has no edge maps.");

    /// <summary>The fused layout (also under Edges, where checkpoints of the Dense form are converted through it).</summary>
    internal FusedDanLayout Layout => _layout;

    /// <summary>For each layer, whether its main path is normalized.</summary>
    internal IReadOnlyList<bool> Normalized => _normalized;

    /// <summary>
    /// The scale, shift and epsilon of <paramref name="layer"/>'s norm (one with <see cref="HasLayerNorm"/>), wherever
    /// the representation keeps it: a <see cref="LayerNorm"/> module, or (Edges, layers ≥ 1) views into the edge maps.
    /// </summary>
    internal (Tensor Weight, Tensor Bias, double Epsilon) LayerNormOf(int layer)
    {
        if (!HasLayerNorm(layer))
        {
            throw new ArgumentException($"Layer {layer} has no norm.", nameof(layer));
        }

        if (_steps[layer].Norm >= 0)
        {
            var norm = _norms[_steps[layer].Norm];
            return (norm.weight!, norm.bias!, norm.eps);
        }

        return (EdgeMaps.NormWeightOf(layer), EdgeMaps.NormBiasOf(layer), EdgeDanFunction.NormEpsilon);
    }

    private string NoFused => Representation == DanRepresentation.Edges
        ? "This DAN stores its maps per edge (Representation = Edges): it has no fused weights."
        : "A DAN on a structure of one layer has no main or skip maps.";

    /// <summary>The fused mask the structure allows, true exactly at its edges (a new tensor the caller owns).</summary>
    internal Tensor StructureConnections() => DanStructureMasks.Connections(Plan, _layout, FusedMask.device);

    /// <summary>
    /// The input map, the main maps, the skip maps (in plan order), then the output map: each weight exactly once.
    /// Under Dense the maps are the <see cref="MaskedMapView"/>s of <see cref="MainMaps"/> and <see cref="SkipMaps"/>
    /// (<c>[out, in]</c>); under Edges each map's edges (<c>[edges]</c>, named like the view), so pruning masks edges
    /// and counts the same unmasked weights under both.
    /// </summary>
    public override IEnumerable<IMaskedWeight> MaskableLayers()
    {
        yield return _inputMap;
        if (Representation == DanRepresentation.Edges)
        {
            foreach (var edges in _edgeWeights)
            {
                yield return edges;
            }
        }
        else
        {
            foreach (var map in _mainMaps)
            {
                yield return map;
            }

            foreach (var map in _skipMaps)
            {
                yield return map;
            }
        }

        yield return _outputMap;
    }

    /// <summary>Sets the stored weights at masked positions to exactly zero: one operation on all main and skip maps, not one per map.</summary>
    public override void ApplyMask()
    {
        _inputMap.ApplyMask();
        if (_fusedWeight is not null)
        {
            MaskAssignment.ZeroMasked(_fusedWeight, _fusedMask!);
        }

        if (_edgeMaps is not null)
        {
            MaskAssignment.ZeroMasked(_edgeMaps.EdgeWeights, _edgeMaps.EdgeMasks);
        }

        _outputMap.ApplyMask();
    }

    /// <summary>
    /// In every map, masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others
    /// (all main and skip maps at once); in the main and skip maps only the structure's edges can be unmasked.
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

        if (_edgeMaps is not null)
        {
            // Every entry is an edge.
            MaskAssignment.Recompute(_edgeMaps.EdgeWeights, _edgeMaps.EdgeMasks, theta);
        }

        _outputMap.RecomputeMask(theta);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not <c>[batch, ..InputShape]</c>.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var flat = InputShapes.Flatten(input, _inputShape, _inputMap.weight.dtype, nameof(MaskedDeepDan));
        var last = _edgeMaps is null ? DenseLayers(flat) : _edgeMaps.call(LayerZero(flat));
        return _outputMap.call(last).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Loads the parameters and buffers from <paramref name="reader"/>, a checkpoint of either representation
    /// (converted to this network's), then checks that no mask is wider than the structure.
    /// </summary>
    /// <exception cref="ArgumentException">The checkpoint does not fit the network, or is of a network on another structure: the state is then as before the call.</exception>
    public override nn.Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = DanCheckpoint.Read(reader);
        try
        {
            load_state_dict(entries, strict, skip);
            return this;
        }
        finally
        {
            foreach (var value in entries.Values)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/>, a state_dict of this network in either representation (converted to this
    /// network's), into the parameters and buffers, then checks that no mask is wider than the structure.
    /// </summary>
    /// <exception cref="ArgumentException">The dictionary does not fit the network, or is of a network on another structure: the state is then as before the call.</exception>
    public override (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var converted = DanCheckpoint.Convert(this, source, nameof(source));
        try
        {
            return base.load_state_dict(converted ?? source, strict, skip);
        }
        finally
        {
            if (converted is not null)
            {
                DanCheckpoint.DisposeNew(converted, source);
            }
        }
    }

    /// <summary>Describes the first unmasked entry of the main and skip maps that is not an edge of <see cref="Structure"/> (Dense), or a loaded fingerprint of another structure (Edges), or returns <see langword="null"/>.</summary>
    /// <param name="prefix">The network's prefix in the state_dict being checked, for naming the tensor.</param>
    protected internal override string? FindMaskBeyondStructure(string prefix)
    {
        if (_structureHash is not null)
        {
            return DanCheckpoint.FindOtherStructure(this, _structureHash, prefix + StructureHashName);
        }

        return _fusedMask is null ? null : DanStructureMasks.FindBeyond(Plan, _layout, _fusedMask, prefix + FusedMaskName);
    }

    /// <inheritdoc />
    protected internal override bool HasStructuralMasks => _fusedMask is not null || _structureHash is not null;

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

            foreach (var edges in _edgeWeights)
            {
                edges.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The representation <paramref name="requested"/> resolves to (see <see cref="DanOptions.AutoEdgeDensity"/>).</summary>
    internal static DanRepresentation Choose(DanRepresentation requested, DanWiringPlan plan, FusedDanLayout layout)
    {
        if (requested != DanRepresentation.Auto)
        {
            return requested;
        }

        // A structure of one layer has no main or skip maps: nothing to store either way.
        return layout.TotalWeights > 0 && plan.Structure.EdgeCount <= DanOptions.AutoEdgeDensity * layout.TotalWeights
            ? DanRepresentation.Edges
            : DanRepresentation.Dense;
    }

    /// <summary>Layer 0's output: the input map, layer 0's norm (where it has one) and the activation.</summary>
    private Tensor LayerZero(Tensor flat)
    {
        var step = _steps[0];
        var main = _inputMap.call(flat);
        return ActivationFunctions.Apply(Activation, step.Norm >= 0 ? _norms[step.Norm].call(main) : main);
    }

    /// <summary>The last layer's output under Dense: each layer as its step says (see <see cref="DanLayerStep"/>).</summary>
    private Tensor DenseLayers(Tensor flat)
    {
        Tensor[]? weights = null;
        Tensor[]? biases = null;
        if (_fusedWeight is not null)
        {
            // One mask multiply and one split for all maps; split's backward is a single concatenation.
            weights = _fusedWeight.mul(_fusedMask!).split(_layout.GroupWeights);
            biases = _fusedBias?.split(_layout.GroupRows);
        }

        return DanGroupForward.Run(
            _steps,
            _inputMap.call(flat),
            Activation,
            (norm, x) => _norms[norm].call(x),
            (step, send, x) => nn.functional.linear(x, weights![step].view(send.Rows, send.Columns), biases?[step]));
    }

    /// <summary>Refuses, before any tensor is allocated, maps larger than <see cref="WeightLimits"/> allows.</summary>
    private static void CheckWeightCounts(DanWiringPlan plan, FusedDanLayout layout, DanRepresentation representation)
    {
        var first = plan.InputMap;
        var last = plan.OutputMap;
        var input = WeightLimits.CheckDense(first.OutFeatures, first.InFeatures, $"The MaskedDeepDan's input map (inputSize = {first.InFeatures} → layer 0 of {first.OutFeatures} vertices)", "inputShape");
        var output = WeightLimits.CheckDense(last.OutFeatures, last.InFeatures, $"The MaskedDeepDan's output map (layer {last.SourceLayer} of {last.InFeatures} vertices → outputSize = {last.OutFeatures})", "outputSize");
        var maps = representation == DanRepresentation.Edges ? plan.Structure.EdgeCount : layout.TotalWeights;
        var stored = representation == DanRepresentation.Edges
            ? $"stored per edge, {plan.Structure.EdgeCount} edges"
            : $"stored fused, dense between the layers they join, {plan.Structure.VertexCount} vertices in {plan.Structure.LayerCount} layers";
        WeightLimits.CheckTensor(maps, $"The MaskedDeepDan's main and skip maps ({stored})", "structure");
        WeightLimits.CheckTotal(
            (decimal)input + output + maps,
            nameof(MaskedDeepDan),
            $"inputSize = {first.InFeatures}, a structure of {plan.Structure.VertexCount} vertices in {plan.Structure.LayerCount} layers and outputSize = {last.OutFeatures}",
            "structure");
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
