using System;
using System.Collections.Generic;
using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A DAN's main and skip maps stored per edge: one weight per structure edge, one bias per segment
/// and per edgeless row (see <see cref="EdgeDanLayout"/>), the layer norms of the normalized layers
/// ≥ 1, and one bool mask entry per edge. <c>forward(out_0)</c> computes <c>out_{L-1}</c> exactly as
/// <see cref="MaskedDeepDan"/>'s main and skip maps do (the input map, layer 0's norm and activation,
/// and the output map stay outside), in one custom autograd node (<see cref="EdgeDanFunction"/>).
/// </summary>
/// <remarks>
/// Parameters: <c>edge_weights</c> [E] (layout edge order), <c>segment_biases</c> [S] and
/// <c>edgeless_biases</c> [R] when there are biases, <c>norm_weights</c> and <c>norm_biases</c> [N]
/// (the normalized layers ≥ 1 one after another, ascending) when some layer ≥ 1 is normalized; buffer
/// <c>edge_masks</c> [E] bool. Masked edges take no part: the weight is multiplied by the mask before
/// the kernel, so their gradient is exactly zero. Cost per call O(batch × (E + V + S)) plus O(R).
/// </remarks>
internal sealed class EdgeDanMaps : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "edge_weights")]
    private Parameter _weights;

    [ComponentName(Name = "segment_biases")]
    private Parameter? _segmentBiases;

    [ComponentName(Name = "edgeless_biases")]
    private Parameter? _edgelessBiases;

    [ComponentName(Name = "norm_weights")]
    private Parameter? _normWeights;

    [ComponentName(Name = "norm_biases")]
    private Parameter? _normBiases;

    [ComponentName(Name = "edge_masks")]
    private Tensor _masks;

    // Process-lifetime (see TorchScalars).
    private static readonly Scalar One = TorchScalars.One;

    // Not a tensor field: neither a buffer nor saved; it follows the parameters' device on each call.
    private readonly EdgeDanIndices _indices;

    // Per layer, where its rows start in the flat norm parameters.
    private readonly long[] _normStart;

    /// <summary>Creates the maps of <paramref name="plan"/>, initialized as <see cref="MaskedDeepDan"/>'s: each edge and bias uniform in ±1/√fan_in of its map; norms γ = 1, β = 0.</summary>
    /// <param name="plan">The DAN's wiring.</param>
    /// <param name="layout">Its edge layout (<see cref="EdgeDanLayout.Create"/> of <paramref name="plan"/>).</param>
    /// <param name="normalized">Per layer, whether its main path is normalized (as MaskedDeepDan decides: norm on and more than one vertex); layer 0's flag is ignored (its norm is outside).</param>
    /// <param name="activation">The hidden layers' activation.</param>
    /// <param name="bias">Whether the maps have biases.</param>
    public EdgeDanMaps(DanWiringPlan plan, EdgeDanLayout layout, IReadOnlyList<bool> normalized, Activation activation, bool bias)
        : base(nameof(EdgeDanMaps))
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(normalized);
        ActivationFunctions.Check(activation);
        if (!ReferenceEquals(layout.Plan, plan))
        {
            throw new ArgumentException("The layout was built from another plan; build it with EdgeDanLayout.Create(plan).", nameof(layout));
        }

        if (normalized.Count != layout.LayerCount)
        {
            throw new ArgumentException($"normalized has {normalized.Count} entries, but the structure has {layout.LayerCount} layers.", nameof(normalized));
        }

        Plan = plan;
        Layout = layout;
        Activation = activation;
        HasBias = bias;
        var flags = new bool[layout.LayerCount];
        for (var k = 0; k < flags.Length; k++)
        {
            flags[k] = normalized[k];
        }

        _indices = new EdgeDanIndices(layout, flags, activation);
        _normStart = new long[layout.LayerCount + 1];
        for (var k = 0; k < layout.LayerCount; k++)
        {
            _normStart[k + 1] = _normStart[k] + _indices.NormCounts[k];
        }

        var (bound, edgeCounts, segmentCounts, edgelessCounts) = MapBounds(layout);
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            _weights = new Parameter(Uniform(bound, edgeCounts, layout.EdgeCount));
            _weights.DetachFromDisposeScope();
            if (bias)
            {
                _segmentBiases = new Parameter(Uniform(bound, segmentCounts, layout.SegmentCount));
                _segmentBiases.DetachFromDisposeScope();
                _edgelessBiases = new Parameter(Uniform(bound, edgelessCounts, layout.EdgelessRowCount));
                _edgelessBiases.DetachFromDisposeScope();
            }

            if (_indices.NormRowCount > 0)
            {
                _normWeights = new Parameter(ones(_indices.NormRowCount));
                _normWeights.DetachFromDisposeScope();
                _normBiases = new Parameter(zeros(_indices.NormRowCount));
                _normBiases.DetachFromDisposeScope();
            }

            _masks = ones(layout.EdgeCount, dtype: ScalarType.Bool).DetachFromDisposeScope();
        }

        RegisterComponents();
    }

    /// <summary>The wiring.</summary>
    public DanWiringPlan Plan { get; }

    /// <summary>The edge layout: edge, segment and edgeless-row order of the parameters.</summary>
    public EdgeDanLayout Layout { get; }

    /// <summary>The hidden layers' activation.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the maps have biases.</summary>
    public bool HasBias { get; }

    /// <summary>One weight per edge, in layout order.</summary>
    public Parameter EdgeWeights => _weights;

    /// <summary>One bool per edge: whether it takes part.</summary>
    public Tensor EdgeMasks => _masks;

    /// <summary>One bias per segment, or <see langword="null"/> without biases.</summary>
    public Parameter? SegmentBiases => _segmentBiases;

    /// <summary>One bias per edgeless row, or <see langword="null"/> without biases.</summary>
    public Parameter? EdgelessBiases => _edgelessBiases;

    /// <summary>The norm weights of the normalized layers ≥ 1, one after another, or <see langword="null"/> when none is normalized.</summary>
    public Parameter? NormWeights => _normWeights;

    /// <summary>The norm biases, laid out as <see cref="NormWeights"/>.</summary>
    public Parameter? NormBiases => _normBiases;

    /// <summary>
    /// How often a map was read or written as a dense <c>[out, in]</c> tensor (<see cref="ReadMapWeight"/>,
    /// <see cref="ReadMapMask"/>, <see cref="WriteMap"/> with a weight or mask, and a map view's dense slices,
    /// see <see cref="NoteDenseAccess"/>): what must not happen on paths that are O(V + E), such as neuron
    /// pruning and compaction, which tests check through this count.
    /// </summary>
    public long DenseMapAccesses { get; private set; }

    /// <summary>Counts a dense <c>[out, in]</c> copy of a map made elsewhere (a map view's slice of a gradient, its forward); see <see cref="DenseMapAccesses"/>.</summary>
    public void NoteDenseAccess() => DenseMapAccesses++;

    /// <summary>Whether layer <paramref name="layer"/>'s main segments are normalized inside these maps (never layer 0).</summary>
    public bool IsNormalized(int layer) => _indices.Normalized[CheckLayer(layer)];

    /// <summary>Layer <paramref name="layer"/>'s norm weight (a view of <see cref="NormWeights"/> that writes through; the caller disposes it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The layer is not normalized here.</exception>
    public Tensor NormWeightOf(int layer) => NormView(_normWeights, layer);

    /// <summary>Layer <paramref name="layer"/>'s norm bias (a view of <see cref="NormBiases"/> that writes through; the caller disposes it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The layer is not normalized here.</exception>
    public Tensor NormBiasOf(int layer) => NormView(_normBiases, layer);

    /// <summary>Layer <c>L-1</c>'s output <c>[batch, n_{L-1}]</c> from layer 0's (activated) output <paramref name="out0"/> <c>[batch, n_0]</c>.</summary>
    public override Tensor forward(Tensor out0)
    {
        ArgumentNullException.ThrowIfNull(out0);
        if (Layout.LayerCount == 1)
        {
            return out0.alias();
        }

        _indices.EnsureOn(_weights);
        using var scope = NewDisposeScope();
        var weight = _weights.mul(_masks);
        var constant = EdgelessConstant();
        return EdgeDanFunction.apply(out0, weight, _segmentBiases!, constant!, _normWeights!, _normBiases!, _indices).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per vertex <c>[V]</c>, what its skip rows without an edge add whatever the input: the sum of act(bias) over
    /// them (act(0) without biases), or <see langword="null"/> when the structure has no such row. O(rows); the
    /// forward pass and the ONNX export both use it.
    /// </summary>
    public Tensor? EdgelessConstant()
    {
        if (Layout.EdgelessRowCount == 0)
        {
            return null;
        }

        _indices.EnsureOn(_weights);
        var rows = _edgelessBiases ?? zeros(Layout.EdgelessRowCount, dtype: _weights.dtype, device: _weights.device);
        var activated = ActivationFunctions.Apply(Activation, rows);
        return zeros(Layout.VertexCount, dtype: _weights.dtype, device: _weights.device).index_add(0, _indices.EdgelessVertex, activated, One);
    }

    /// <summary>Map <paramref name="index"/>'s weight as a dense <c>[out, in]</c> tensor (zero where it has no edge; a new tensor without gradient).</summary>
    public Tensor ReadMapWeight(LayerMapKind kind, int index)
    {
        var slice = Layout.Map(kind, index);
        DenseMapAccesses++;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var map = slice.Map;
        var dense = zeros((long)map.OutFeatures * map.InFeatures, dtype: _weights.dtype, device: _weights.device);
        dense.index_copy_(0, Positions(slice), _weights.narrow(0, slice.EdgeStart, slice.EdgeCount));
        return dense.view(map.OutFeatures, map.InFeatures).MoveToOuterDisposeScope();
    }

    /// <summary>Map <paramref name="index"/>'s mask as a dense bool <c>[out, in]</c> tensor (false where it has no edge; a new tensor).</summary>
    public Tensor ReadMapMask(LayerMapKind kind, int index)
    {
        var slice = Layout.Map(kind, index);
        DenseMapAccesses++;
        using var scope = NewDisposeScope();
        var map = slice.Map;
        var dense = zeros((long)map.OutFeatures * map.InFeatures, dtype: ScalarType.Bool, device: _masks.device);
        dense.index_copy_(0, Positions(slice), _masks.narrow(0, slice.EdgeStart, slice.EdgeCount));
        return dense.view(map.OutFeatures, map.InFeatures).MoveToOuterDisposeScope();
    }

    /// <summary>Map <paramref name="index"/>'s bias <c>[out]</c> (a new tensor without gradient), or <see langword="null"/> without biases.</summary>
    public Tensor? ReadMapBias(LayerMapKind kind, int index)
    {
        var slice = Layout.Map(kind, index);
        if (_segmentBiases is null)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (segmentRows, segments, edgelessRows, edgeless) = BiasRows(slice);
        var dense = zeros(slice.Map.OutFeatures, dtype: _segmentBiases.dtype, device: _segmentBiases.device);
        dense.index_copy_(0, segmentRows, _segmentBiases.index_select(0, segments));
        dense.index_copy_(0, edgelessRows, _edgelessBiases!.index_select(0, edgeless));
        return dense.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Writes map <paramref name="index"/>'s connected entries from a dense <paramref name="weight"/>
    /// <c>[out, in]</c> (entries that are no edge are ignored), its bias rows from <paramref name="bias"/>
    /// <c>[out]</c> and its edges' mask from <paramref name="mask"/> <c>[out, in]</c>; a null argument leaves that part.
    /// </summary>
    /// <exception cref="ArgumentException">A shape is not the map's, or a bias is given to maps without biases.</exception>
    public void WriteMap(LayerMapKind kind, int index, Tensor? weight, Tensor? bias, Tensor? mask)
    {
        var slice = Layout.Map(kind, index);
        var map = slice.Map;
        CheckShape(weight, nameof(weight), map.OutFeatures, map.InFeatures);
        CheckShape(mask, nameof(mask), map.OutFeatures, map.InFeatures);
        CheckShape(bias, nameof(bias), map.OutFeatures);
        if (bias is not null && _segmentBiases is null)
        {
            throw new ArgumentException("These maps have no biases (bias: false); pass bias: null.", nameof(bias));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        if (weight is not null || mask is not null)
        {
            DenseMapAccesses++;
            var positions = Positions(slice);
            if (weight is not null)
            {
                _weights.narrow(0, slice.EdgeStart, slice.EdgeCount).copy_(weight.reshape(-1).index_select(0, positions.to(weight.device)));
            }

            if (mask is not null)
            {
                _masks.narrow(0, slice.EdgeStart, slice.EdgeCount).copy_(mask.reshape(-1).index_select(0, positions.to(mask.device)));
            }
        }

        if (bias is not null)
        {
            var (segmentRows, segments, edgelessRows, edgeless) = BiasRows(slice);
            _segmentBiases!.index_copy_(0, segments, bias.index_select(0, segmentRows.to(bias.device)).to(_segmentBiases.dtype, _segmentBiases.device));
            _edgelessBiases!.index_copy_(0, edgeless, bias.index_select(0, edgelessRows.to(bias.device)).to(_edgelessBiases.dtype, _edgelessBiases.device));
        }
    }

    /// <summary>
    /// Copies the main and skip maps from <see cref="MaskedDeepDan"/>'s fused tensors (laid out by
    /// <paramref name="fused"/> for the same plan): each edge's weight and mask, each bias row. Entries
    /// of the fused weight that are no edge are ignored. O(V + E + bias rows).
    /// </summary>
    public void CopyFromFused(FusedDanLayout fused, Tensor weight, Tensor? bias, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(mask);
        CheckFusedBias(bias);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (edges, segments, edgeless) = FusedPositions(fused, weight.device);
        _weights.copy_(weight.index_select(0, edges));
        _masks.copy_(mask.index_select(0, edges.to(mask.device)));
        if (bias is not null)
        {
            _segmentBiases!.copy_(bias.index_select(0, segments));
            _edgelessBiases!.copy_(bias.index_select(0, edgeless));
        }
    }

    /// <summary>
    /// Writes the main and skip maps into fused tensors laid out by <paramref name="fused"/>: every entry
    /// that is no edge becomes zero (weight) and false (mask); each edge's weight and mask and each bias
    /// row is copied. O(dense entries) for the zeroing, O(V + E + bias rows) for the rest.
    /// </summary>
    public void CopyToFused(FusedDanLayout fused, Tensor weight, Tensor? bias, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(mask);
        CheckFusedBias(bias);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (edges, segments, edgeless) = FusedPositions(fused, weight.device);
        weight.zero_().index_copy_(0, edges, _weights.to(weight.dtype, weight.device));
        mask.zero_().index_copy_(0, edges.to(mask.device), _masks.to(mask.device));
        if (bias is not null)
        {
            bias.index_copy_(0, segments, _segmentBiases!.to(bias.dtype, bias.device));
            bias.index_copy_(0, edgeless, _edgelessBiases!.to(bias.dtype, bias.device));
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _indices.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Per map, in layout order (by target layer: its main map, then its skip maps in plan order), its
    /// initialization bound — a masked linear's, Kaiming uniform (a = √5) and bias alike, 1/√fan_in —
    /// and how many edges, segments and edgeless rows it has: each of the three is contiguous per map
    /// and in this map order, so one bound per map expands to all of them. O(maps), not O(rows).
    /// </summary>
    private static (float[] Bound, long[] Edges, long[] Segments, long[] Edgeless) MapBounds(EdgeDanLayout layout)
    {
        var count = layout.MainMaps.Count + layout.SkipMaps.Count;
        var bound = new float[count];
        var edges = new long[count];
        var segments = new long[count];
        var edgeless = new long[count];
        var next = 0;
        var s = 0;
        foreach (var main in layout.MainMaps)
        {
            Add(main);
            for (; s < layout.SkipMaps.Count && layout.SkipMaps[s].Map.TargetLayer == main.Map.TargetLayer; s++)
            {
                Add(layout.SkipMaps[s]);
            }
        }

        return (bound, edges, segments, edgeless);

        void Add(EdgeDanMapSlice slice)
        {
            bound[next] = (float)(1.0 / Math.Sqrt(slice.Map.InFeatures));
            edges[next] = slice.EdgeCount;
            segments[next] = slice.SegmentCount;
            edgeless[next++] = slice.EdgelessCount;
        }
    }

    /// <summary><paramref name="length"/> values, uniform in ±bound of their map, <paramref name="counts"/> of them per map.</summary>
    private static Tensor Uniform(float[] bound, long[] counts, long length)
    {
        var perEntry = tensor(bound).repeat_interleave(tensor(counts), output_size: length);
        return empty(length).uniform_(-1, 1).mul_(perEntry);
    }

    private static void CheckShape(Tensor? tensor, string name, params long[] shape)
    {
        if (tensor is not null && !tensor.shape.AsSpan().SequenceEqual(shape))
        {
            throw new ArgumentException($"{name} has shape [{string.Join(", ", tensor.shape)}], but the map's is [{string.Join(", ", shape)}].", name);
        }
    }

    private void CheckFusedBias(Tensor? bias)
    {
        if ((bias is null) != (_segmentBiases is null))
        {
            throw new ArgumentException(bias is null ? "These maps have biases: pass the fused bias." : "These maps have no biases (bias: false); pass bias: null.", nameof(bias));
        }
    }

    private int CheckLayer(int layer)
    {
        if ((uint)layer >= (uint)Layout.LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer = {layer} is not a layer; layers are 0..{Layout.LayerCount - 1}.");
        }

        return layer;
    }

    private Tensor NormView(Parameter? flat, int layer)
    {
        if (!IsNormalized(layer) || flat is null)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer = {layer} has no layer norm in the edge maps (layer 0's is outside; a layer of one vertex or norm off has none).");
        }

        using var noGrad = no_grad();
        return flat.narrow(0, _normStart[layer], _normStart[layer + 1] - _normStart[layer]).detach();
    }

    /// <summary>The map's edges' positions in a row-major <c>[out, in]</c> weight.</summary>
    private Tensor Positions(EdgeDanMapSlice slice)
    {
        var positions = new long[slice.EdgeCount];
        var rows = slice.Rows;
        var columns = slice.Columns;
        var columnsPerRow = slice.Map.InFeatures;
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = ((long)rows[i] * columnsPerRow) + columns[i];
        }

        return tensor(positions, device: _weights.device);
    }

    private (Tensor SegmentRows, Tensor Segments, Tensor EdgelessRows, Tensor Edgeless) BiasRows(EdgeDanMapSlice slice)
    {
        var segmentRows = new List<long>();
        var segments = new List<long>();
        var edgelessRows = new List<long>();
        var edgeless = new List<long>();
        for (var r = 0; r < slice.Map.OutFeatures; r++)
        {
            if (slice.SegmentOfRow[r] >= 0)
            {
                segmentRows.Add(r);
                segments.Add(slice.SegmentOfRow[r]);
            }
            else
            {
                edgelessRows.Add(r);
                edgeless.Add(slice.EdgelessOfRow[r]);
            }
        }

        var device = _weights.device;
        return (tensor(segmentRows.ToArray(), device: device), tensor(segments.ToArray(), device: device), tensor(edgelessRows.ToArray(), device: device), tensor(edgeless.ToArray(), device: device));
    }

    /// <summary>Per edge its fused weight position, per segment and per edgeless row its fused bias row (see <see cref="FusedDanLayout.EdgePositions"/>).</summary>
    private (Tensor Edges, Tensor Segments, Tensor Edgeless) FusedPositions(FusedDanLayout fused, Device device)
    {
        var (edges, segments, edgeless) = fused.EdgePositions(Layout);
        return (tensor(edges, device: device), tensor(segments, device: device), tensor(edgeless, device: device));
    }
}
