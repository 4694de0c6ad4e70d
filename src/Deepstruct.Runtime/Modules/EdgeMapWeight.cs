using System;
using Deepstruct.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// One main or skip map of a <see cref="MaskedDeepDan"/> stored per edge (<see cref="DanRepresentation.Edges"/>),
/// as a masked weight for pruning: <see cref="Weight"/> and <see cref="Mask"/> are <c>[edges]</c> views of the
/// network's edge weights and edge mask that write through, edge <c>i</c> being the map's connection
/// <c>(Map.Rows[i], Map.Columns[i])</c>. Every entry is an edge of the structure, so pruning masks edges and
/// nothing can unmask a connection the structure lacks.
/// </summary>
internal sealed class EdgeMapWeight : IMaskedWeight, IParameterSlice, IDisposable
{
    private readonly MaskedDeepDan _owner;
    private readonly EdgeDanMapSlice _slice;
    private readonly string _name;
    private readonly SaliencyStore _saliency = new();
    private CachedView _weight;
    private CachedView _mask;

    public EdgeMapWeight(MaskedDeepDan owner, string name, EdgeDanMapSlice slice)
    {
        _owner = owner;
        _name = name;
        _slice = slice;
    }

    /// <summary>The plan's map this weight stores.</summary>
    public LayerMap Map => _slice.Map;

    /// <summary>Where the map's edges and bias rows live in <see cref="Storage"/>.</summary>
    public EdgeDanMapSlice Slice => _slice;

    /// <summary>The network's edge storage, which holds this map among the others.</summary>
    public EdgeDanMaps Storage => _owner.EdgeMaps;

    /// <inheritdoc />
    public Tensor Weight => _weight.Get(_owner.EdgeMaps.EdgeWeights, _slice.EdgeStart, _slice.EdgeCount, -1);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The new mask is not Bool or not <c>[edges]</c>.</exception>
    public Tensor Mask
    {
        get => _mask.Get(_owner.EdgeMaps.EdgeMasks, _slice.EdgeStart, _slice.EdgeCount, -1);
        set => MaskAssignment.CopyInto(Mask, value, mask => CheckShape(mask, nameof(value), "mask"));
    }

    /// <inheritdoc />
    public Tensor? Saliency
    {
        get => _saliency.Get(Weight);
        set => _saliency.Set(value, saliency => CheckShape(saliency, nameof(value), "saliency"));
    }

    /// <inheritdoc />
    public long WeightCount => MaskAssignment.CountTrue(Mask);

    /// <inheritdoc />
    public long Capacity => _slice.EdgeCount;

    /// <inheritdoc />
    Parameter IParameterSlice.Parameter => _owner.EdgeMaps.EdgeWeights;

    /// <inheritdoc />
    string IParameterSlice.ParameterName => MaskedDeepDan.EdgeWeightName;

    /// <inheritdoc />
    string IParameterSlice.Name => _name;

    /// <inheritdoc />
    public void ApplyMask() => MaskAssignment.ZeroMasked(Weight, Mask);

    /// <inheritdoc />
    public void RecomputeMask(double theta = 0.001) => MaskAssignment.Recompute(Weight, Mask, theta);

    /// <inheritdoc />
    public Tensor SliceOf(Tensor whole)
    {
        ArgumentNullException.ThrowIfNull(whole);
        return whole.narrow(0, _slice.EdgeStart, _slice.EdgeCount);
    }

    public void Dispose()
    {
        _saliency.Dispose();
        _weight.Dispose();
        _mask.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{_name}: layer {_slice.Map.SourceLayer} -> {_slice.Map.TargetLayer}, {_slice.EdgeCount} edges";

    private void CheckShape(Tensor value, string parameterName, string what)
    {
        if (value.Dimensions != 1 || value.shape[0] != _slice.EdgeCount)
        {
            throw new ArgumentException($"The {what} of {_name} (stored per edge) must have shape [{_slice.EdgeCount}], but has shape {MaskedLinear.Describe(value.shape)}.", parameterName);
        }
    }
}
