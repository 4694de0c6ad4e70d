using System;
using Deepstruct.Structures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// One layer pair's masked map inside a <see cref="MaskedDeepDan"/>, which stores its main and skip
/// maps fused (all maps leaving a layer stacked into one weight): a view of the map's rows, with
/// the weight <c>[OutFeatures, InFeatures]</c>, bias and mask of a <see cref="MaskedLinear"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="weight"/>, <see cref="bias"/> and <see cref="Mask"/> share storage with the network's
/// fused tensors, so edits write through: <c>view.Mask = m</c>, or in-place edits of
/// <c>view.weight</c>, change the network. They are kept by the view (do not dispose them) and renewed after <c>to()</c> replaces the
/// network's tensors. They are detached from autograd (like <c>weight.detach()</c>): gradients belong to the
/// fused parameter, and <see cref="grad"/> reads this map's part; <see cref="forward"/> is differentiable.
/// </para>
/// <para>
/// The network's forward pass multiplies the fused weight by the fused mask, so masked entries take no
/// part and get a gradient of exactly zero, as in a <see cref="MaskedLinear"/>.
/// </para>
/// </remarks>
public sealed class MaskedMapView : IMaskedWeight, IParameterSlice, IDisposable
{
    private readonly MaskedDeepDan _owner;
    private readonly long _weightOffset;
    private readonly long _biasOffset;
    private readonly string _name;
    private readonly LayerMap _map;
    private CachedView _weight;
    private CachedView _bias;
    private CachedView _mask;
    private readonly SaliencyStore _saliency = new();

    internal MaskedMapView(MaskedDeepDan owner, string name, LayerMap map, long weightOffset, long biasOffset)
    {
        _owner = owner;
        _name = name;
        _map = map;
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

    /// <summary>The stored weight, <c>[OutFeatures, InFeatures]</c>: a view of the network's fused weight (TorchSharp's spelling).</summary>
    public Tensor weight => _weight.Get(_owner.FusedWeight, _weightOffset, OutFeatures, InFeatures);

    /// <summary>The stored bias, <c>[OutFeatures]</c>, a view of the fused bias; <see langword="null"/> when the network has none.</summary>
    public Tensor? bias => _owner.FusedBias is { } fused ? _bias.Get(fused, _biasOffset, OutFeatures, -1) : null;

    /// <summary>
    /// This map's part of the fused weight's gradient, <c>[OutFeatures, InFeatures]</c> (a new tensor the
    /// caller owns), or <see langword="null"/> before a backward pass.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            var gradient = _owner.FusedWeight.grad;
            return gradient is null ? null : SliceOf(gradient);
        }
    }

    /// <inheritdoc />
    Tensor IMaskedWeight.Weight => weight;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The new mask is not Bool, not <c>[OutFeatures, InFeatures]</c>, or unmasks an entry that is no edge of the structure.</exception>
    public Tensor Mask
    {
        get => _mask.Get(_owner.FusedMask, _weightOffset, OutFeatures, InFeatures);
        set => MaskAssignment.CopyInto(Mask, value, mask =>
        {
            CheckShape(mask, nameof(value), "mask");
            CheckWithinStructure(mask, nameof(value));
        });
    }

    /// <inheritdoc />
    public Tensor? Saliency
    {
        // A set saliency lives here, not in the network, so to() leaves it behind: the store hands it out like the weight.
        get => _saliency.Get(weight);
        set => _saliency.Set(value, saliency => CheckShape(saliency, nameof(value), "saliency"));
    }

    /// <inheritdoc />
    public long WeightCount => MaskAssignment.CountTrue(Mask);

    /// <inheritdoc />
    public long Capacity => OutFeatures * InFeatures;

    /// <inheritdoc />
    Parameter IParameterSlice.Parameter => _owner.FusedWeight;

    /// <inheritdoc />
    string IParameterSlice.ParameterName => MaskedDeepDan.FusedWeightName;

    /// <inheritdoc />
    string IParameterSlice.Name => _name;

    /// <inheritdoc />
    public void ApplyMask() => MaskAssignment.ZeroMasked(weight, Mask);

    /// <summary>
    /// Masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others that are
    /// edges of the structure; an entry that is no edge stays masked.
    /// </summary>
    /// <param name="theta">The magnitude threshold, finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public void RecomputeMask(double theta = 0.001) =>
        // Only the structure's edges may be unmasked, whatever theta.
        MaskAssignment.Recompute(weight, Mask, theta, allowed: () => DanStructureMasks.MapConnections(_map, weight.device));

    /// <summary>
    /// This map alone, <c>x·(weight ⊙ mask)ᵀ + bias</c>, differentiable with respect to the fused
    /// parameters: what the network adds (after the activation) into the target layer.
    /// </summary>
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>, or its dtype is not the weight's.</exception>
    public Tensor forward(Tensor input)
    {
        InputShapes.CheckDtype(input, _owner.FusedWeight.dtype, nameof(MaskedMapView));
        if (input.Dimensions == 0 || input.shape[^1] != InFeatures)
        {
            throw new ArgumentException($"The input's last dimension must be {InFeatures}, but the input has shape {MaskedLinear.Describe(input.shape)}.", nameof(input));
        }

        using var scope = NewDisposeScope();
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
        $"{_name}: layer {SourceLayer} -> {TargetLayer}, MaskedMapView(in_features={InFeatures}, out_features={OutFeatures}, bias={_owner.FusedBias is not null})";

    /// <summary>
    /// This map's part, <c>[OutFeatures, InFeatures]</c>, of a tensor shaped like the network's fused
    /// weight — its gradient, an optimizer's state for it, a saved copy: a view sharing its storage.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="whole"/> is not shaped like the fused weight.</exception>
    public Tensor SliceOf(Tensor whole)
    {
        ArgumentNullException.ThrowIfNull(whole);
        if (whole.Dimensions != 1 || whole.shape[0] != _owner.FusedWeight.shape[0])
        {
            throw new ArgumentException($"The tensor must be shaped like the fused weight, [{_owner.FusedWeight.shape[0]}], but has shape {MaskedLinear.Describe(whole.shape)}.", nameof(whole));
        }

        using var rows = whole.narrow(0, _weightOffset, OutFeatures * InFeatures);
        return rows.view(OutFeatures, InFeatures);
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

    /// <summary>
    /// A view of part of a network tensor, made once and renewed when the network holds a different
    /// tensor object (after <c>to()</c>); holding the old object keeps the identity check sound.
    /// </summary>
    private struct CachedView : IDisposable
    {
        private Tensor? _source;
        private Tensor? _view;

        public Tensor Get(Tensor source, long offset, long rows, long columns)
        {
            if (_view is not null && ReferenceEquals(source, _source) && !_view.IsInvalid)
            {
                return _view;
            }

            _view?.Dispose();

            // Detached first: a view made under no_grad of a parameter breaks once the optimizer changes
            // the parameter, while a detached view shares storage and version counter without autograd.
            var length = columns < 0 ? rows : rows * columns;
            using (var detached = source.detach())
            using (var part = detached.narrow(0, offset, length))
            {
                _view = (columns < 0 ? part.alias() : part.view(rows, columns)).DetachFromDisposeScope();
            }

            _source = source;
            return _view;
        }

        public void Dispose()
        {
            _view?.Dispose();
            _view = null;
            _source = null;
        }
    }
}
