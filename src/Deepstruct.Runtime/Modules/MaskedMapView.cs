using System;
using Deepstruct.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// One layer pair's masked map inside a <see cref="MaskedDeepDan"/>, with the weight <c>[OutFeatures, InFeatures]</c>,
/// bias and mask of a <see cref="MaskedLinear"/>. How it reads and writes depends on the network's
/// <see cref="MaskedDeepDan.Representation"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Dense</b> (the maps stored fused): <see cref="weight"/>, <see cref="bias"/> and <see cref="Mask"/> share
/// storage with the network's fused tensors, so edits write through: <c>view.Mask = m</c>, or in-place edits of
/// <c>view.weight</c>, change the network. They are kept by the view (do not dispose them) and renewed after
/// <c>to()</c> replaces the network's tensors. They are detached from autograd (like <c>weight.detach()</c>):
/// gradients belong to the fused parameter, and <see cref="grad"/> reads this map's part.
/// </para>
/// <para>
/// <b>Edges</b> (one weight per structure edge): a dense <c>[OutFeatures, InFeatures]</c> map is not stored, so
/// <see cref="weight"/>, <see cref="bias"/>, <see cref="Mask"/> and <see cref="grad"/> are <em>copies</em> (new
/// tensors; in-place edits of them do not reach the network). Write one map with <see cref="SetWeight"/>,
/// <see cref="SetBias"/> and <see cref="SetMask"/> (or the <see cref="Mask"/> setter), which work under both
/// representations; entries that are no edge of the structure are not stored (their weight is ignored).
/// </para>
/// <para>
/// Under both, the network multiplies each weight by its mask, so masked entries take no part and get a
/// gradient of exactly zero, as in a <see cref="MaskedLinear"/>; <see cref="forward"/> is differentiable with
/// respect to the network's weights.
/// </para>
/// </remarks>
public sealed class MaskedMapView : IMaskedWeight, IParameterSlice, IDisposable
{
    private readonly MaskedDeepDan _owner;
    private readonly long _weightOffset;
    private readonly long _biasOffset;
    private readonly string _name;
    private readonly LayerMap _map;
    private readonly int _index;
    private readonly EdgeMapWeight? _edges;
    private readonly SaliencyStore _saliency = new();
    private CachedView _weight;
    private CachedView _bias;
    private CachedView _mask;
    private long[]? _edgePositions;

    internal MaskedMapView(MaskedDeepDan owner, string name, LayerMap map, int index, long weightOffset, long biasOffset, EdgeMapWeight? edges)
    {
        _owner = owner;
        _name = name;
        _map = map;
        _index = index;
        _edges = edges;
        SourceLayer = map.SourceLayer;
        TargetLayer = map.TargetLayer;
        OutFeatures = map.OutFeatures;
        InFeatures = map.InFeatures;
        _weightOffset = weightOffset;
        _biasOffset = biasOffset;
    }

    /// <summary>The structure layer the map reads.</summary>
    public int SourceLayer { get; }

    /// <summary>The structure layer the map writes.</summary>
    public int TargetLayer { get; }

    /// <summary>The number of inputs: the source layer's size.</summary>
    public long InFeatures { get; }

    /// <summary>The number of outputs: the target layer's size.</summary>
    public long OutFeatures { get; }

    /// <summary>Under Edges, the map's own edges (<c>[edges]</c> views of the stored weights and mask, writing through); <see langword="null"/> under Dense.</summary>
    internal EdgeMapWeight? Edges => _edges;

    /// <summary>Whether <see cref="weight"/>, <see cref="bias"/> and <see cref="Mask"/> are views that write through (Dense) rather than copies (Edges).</summary>
    public bool WritesThrough => _edges is null;

    /// <summary>
    /// The stored weight, <c>[OutFeatures, InFeatures]</c> (TorchSharp's spelling): under Dense a view of the
    /// network's fused weight, under Edges a copy (zero where the structure has no edge).
    /// </summary>
    public Tensor weight => _edges is null
        ? _weight.Get(_owner.FusedWeight, _weightOffset, OutFeatures, InFeatures)
        : _owner.EdgeMaps.ReadMapWeight(_map.Kind, _index);

    /// <summary>The stored bias, <c>[OutFeatures]</c> (Dense: a view of the fused bias; Edges: a copy); <see langword="null"/> when the network has none.</summary>
    public Tensor? bias => _edges is null
        ? (_owner.FusedBias is { } fused ? _bias.Get(fused, _biasOffset, OutFeatures, -1) : null)
        : _owner.EdgeMaps.ReadMapBias(_map.Kind, _index);

    /// <summary>
    /// This map's part of the network's weight gradient, <c>[OutFeatures, InFeatures]</c> (a new tensor the
    /// caller owns), or <see langword="null"/> before a backward pass.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            var gradient = ((IParameterSlice)this).Parameter.grad;
            return gradient is null ? null : SliceOf(gradient);
        }
    }

    /// <inheritdoc />
    Tensor IMaskedWeight.Weight => weight;

    /// <inheritdoc />
    /// <remarks>Under Dense the getter returns a view that writes through, under Edges a copy; the setter writes the network under both (as <see cref="SetMask"/>).</remarks>
    /// <exception cref="ArgumentException">The new mask is not Bool, not <c>[OutFeatures, InFeatures]</c>, or unmasks an entry that is no edge of the structure.</exception>
    public Tensor Mask
    {
        get => _edges is null
            ? _mask.Get(_owner.FusedMask, _weightOffset, OutFeatures, InFeatures)
            : _owner.EdgeMaps.ReadMapMask(_map.Kind, _index);
        set => SetMask(value);
    }

    /// <inheritdoc />
    public Tensor? Saliency
    {
        // A set saliency lives here, not in the network, so to() leaves it behind: the store hands it out like the weight.
        get => _saliency.Get(weight);
        set => _saliency.Set(value, saliency => CheckShape(saliency, nameof(value), "saliency"));
    }

    /// <inheritdoc />
    public long WeightCount => _edges is null ? MaskAssignment.CountTrue(Mask) : _edges.WeightCount;

    /// <inheritdoc />
    public long Capacity => OutFeatures * InFeatures;

    /// <inheritdoc />
    Parameter IParameterSlice.Parameter => _edges is null ? _owner.FusedWeight : _owner.EdgeMaps.EdgeWeights;

    /// <inheritdoc />
    string IParameterSlice.ParameterName => _edges is null ? MaskedDeepDan.FusedWeightName : MaskedDeepDan.EdgeWeightName;

    /// <inheritdoc />
    string IParameterSlice.Name => _name;

    /// <summary>Sets the map's mask (a bool <c>[OutFeatures, InFeatures]</c>), under either representation.</summary>
    /// <exception cref="ArgumentException">The mask is not Bool, not <c>[OutFeatures, InFeatures]</c>, or unmasks an entry that is no edge of the structure.</exception>
    public void SetMask(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (_edges is null)
        {
            MaskAssignment.CopyInto(Mask, mask, CheckMask);
            return;
        }

        if (mask.dtype != ScalarType.Bool)
        {
            throw new ArgumentException($"A mask must have dtype Bool, but this one has dtype {mask.dtype}.", nameof(mask));
        }

        CheckMask(mask);
        _owner.EdgeMaps.WriteMap(_map.Kind, _index, null, null, mask);
    }

    /// <summary>
    /// Sets the map's weight from a dense <c>[OutFeatures, InFeatures]</c> tensor, under either representation.
    /// Entries that are no edge of the structure take no part either way (Edges does not store them).
    /// </summary>
    /// <exception cref="ArgumentException">The weight is not <c>[OutFeatures, InFeatures]</c>.</exception>
    public void SetWeight(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        CheckShape(weight, nameof(weight), "weight");
        if (_edges is not null)
        {
            _owner.EdgeMaps.WriteMap(_map.Kind, _index, weight, null, null);
            return;
        }

        using (no_grad())
        {
            this.weight.copy_(weight);
        }
    }

    /// <summary>Sets the map's bias from a <c>[OutFeatures]</c> tensor, under either representation.</summary>
    /// <exception cref="ArgumentException">The bias is not <c>[OutFeatures]</c>.</exception>
    /// <exception cref="InvalidOperationException">The network has no biases.</exception>
    public void SetBias(Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Dimensions != 1 || bias.shape[0] != OutFeatures)
        {
            throw new ArgumentException($"The bias of {_name} must have shape [{OutFeatures}], but has shape {MaskedLinear.Describe(bias.shape)}.", nameof(bias));
        }

        if (!_owner.Options.Bias)
        {
            throw new InvalidOperationException($"The network has no biases (DanOptions.Bias = false): {_name} has none to set.");
        }

        if (_edges is not null)
        {
            _owner.EdgeMaps.WriteMap(_map.Kind, _index, null, bias, null);
            return;
        }

        using (no_grad())
        {
            this.bias!.copy_(bias);
        }
    }

    /// <inheritdoc />
    public void ApplyMask()
    {
        if (_edges is not null)
        {
            _edges.ApplyMask();
            return;
        }

        MaskAssignment.ZeroMasked(weight, Mask);
    }

    /// <summary>
    /// Masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others that are
    /// edges of the structure; an entry that is no edge stays masked.
    /// </summary>
    /// <param name="theta">The magnitude threshold, finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public void RecomputeMask(double theta = 0.001)
    {
        if (_edges is not null)
        {
            _edges.RecomputeMask(theta);
            return;
        }

        // Only the structure's edges may be unmasked, whatever theta.
        MaskAssignment.Recompute(weight, Mask, theta, allowed: () => DanStructureMasks.MapConnections(_map, weight.device));
    }

    /// <summary>
    /// This map alone, <c>x·(weight ⊙ mask)ᵀ + bias</c>, differentiable with respect to the network's weights
    /// (and, under Dense, its biases): what the network adds (after the activation) into the target layer.
    /// </summary>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>, or its dtype is not the weight's.</exception>
    public Tensor forward(Tensor input)
    {
        var parameter = ((IParameterSlice)this).Parameter;
        InputShapes.CheckDtype(input, parameter.dtype, nameof(MaskedMapView));
        if (input.Dimensions == 0 || input.shape[^1] != InFeatures)
        {
            throw new ArgumentException($"The input's last dimension must be {InFeatures}, but the input has shape {MaskedLinear.Describe(input.shape)}.", nameof(input));
        }

        using var scope = NewDisposeScope();
        if (_edges is not null)
        {
            _owner.EdgeMaps.NoteDenseAccess();
            // index_copy is differentiable in its source: the edges' gradients flow back.
            using var positions = tensor(EdgePositions(), device: parameter.device);
            var masked = _edges.SliceOf(parameter).mul(_edges.Mask);
            var dense = zeros(OutFeatures * InFeatures, dtype: parameter.dtype, device: parameter.device).index_copy(0, positions, masked).view(OutFeatures, InFeatures);
            return nn.functional.linear(input, dense, bias).MoveToOuterDisposeScope();
        }

        var tracked = SliceOf(_owner.FusedWeight);
        var biasPart = _owner.FusedBias?.narrow(0, _biasOffset, OutFeatures);
        return nn.functional.linear(input, tracked.mul(Mask), biasPart).MoveToOuterDisposeScope();
    }

    /// <summary>Disposes a saliency that was set and the views held.</summary>
    public void Dispose()
    {
        _saliency.Dispose();
        _weight.Dispose();
        _bias.Dispose();
        _mask.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{_name}: layer {SourceLayer} -> {TargetLayer}, MaskedMapView(in_features={InFeatures}, out_features={OutFeatures}, bias={_owner.Options.Bias})";

    /// <summary>
    /// This map's part, <c>[OutFeatures, InFeatures]</c>, of a tensor shaped like the network's weight parameter —
    /// its gradient, an optimizer's state for it, a saved copy. Under Dense a view sharing its storage (the fused
    /// weight's shape); under Edges a new tensor, zero where the structure has no edge (the edge weights' shape).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="whole"/> is not shaped like the network's weight parameter.</exception>
    public Tensor SliceOf(Tensor whole)
    {
        ArgumentNullException.ThrowIfNull(whole);
        var parameter = ((IParameterSlice)this).Parameter;
        if (whole.Dimensions != 1 || whole.shape[0] != parameter.shape[0])
        {
            var what = _edges is null ? "the fused weight" : "the edge weights";
            throw new ArgumentException($"The tensor must be shaped like {what}, [{parameter.shape[0]}], but has shape {MaskedLinear.Describe(whole.shape)}.", nameof(whole));
        }

        if (_edges is not null)
        {
            _owner.EdgeMaps.NoteDenseAccess();
            using var scope = NewDisposeScope();
            using var positions = tensor(EdgePositions(), device: whole.device);
            return zeros(OutFeatures * InFeatures, dtype: whole.dtype, device: whole.device)
                .index_copy_(0, positions, _edges.SliceOf(whole))
                .view(OutFeatures, InFeatures)
                .MoveToOuterDisposeScope();
        }

        using var rows = whole.narrow(0, _weightOffset, OutFeatures * InFeatures);
        return rows.view(OutFeatures, InFeatures);
    }

    /// <summary>The map's edges' positions in a row-major <c>[OutFeatures, InFeatures]</c> weight, in edge order.</summary>
    private long[] EdgePositions()
    {
        if (_edgePositions is null)
        {
            var positions = new long[_map.ConnectionCount];
            var rows = _map.Rows;
            var columns = _map.Columns;
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = ((long)rows[i] * InFeatures) + columns[i];
            }

            _edgePositions = positions;
        }

        return _edgePositions;
    }

    private void CheckMask(Tensor mask)
    {
        CheckShape(mask, nameof(mask), "mask");
        CheckWithinStructure(mask, nameof(mask));
    }

    // A map's mask may prune its structure's edges, never add a connection the structure lacks.
    private void CheckWithinStructure(Tensor mask, string parameterName)
    {
        long first;
        using (NewDisposeScope())
        using (no_grad())
        {
            var beyond = mask.logical_and(DanStructureMasks.MapConnections(_map, mask.device).logical_not());
            if (!beyond.any().item<bool>())
            {
                return;
            }

            first = beyond.flatten().to_type(ScalarType.Byte).argmax().item<long>();
        }

        throw new ArgumentException(
            $"The mask of {_name} {DanStructureMasks.Beyond(_owner.Structure, _map, first / InFeatures, first % InFeatures)}",
            parameterName);
    }

    private void CheckShape(Tensor value, string parameterName, string what)
    {
        if (value.Dimensions != 2 || value.shape[0] != OutFeatures || value.shape[1] != InFeatures)
        {
            throw new ArgumentException($"The {what} of {_name} must have shape [{OutFeatures}, {InFeatures}], but has shape {MaskedLinear.Describe(value.shape)}.", parameterName);
        }
    }
}
