using System;
using System.Globalization;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A linear map <c>y = x·(weight ⊙ mask)ᵀ + bias</c> whose mask switches single weights off.
/// </summary>
/// <remarks>
/// <para>
/// Masked weights never take part: the forward pass multiplies by the mask, so their gradients are
/// exactly zero and the function is the masked one whatever is stored. <see cref="ApplyMask"/> also
/// makes the stored values exactly zero; every TorchSharp optimizer then keeps them zero, except
/// when its state (momentum, moving averages) was accumulated before the mask was set — wrap the
/// optimizer in a <see cref="MaskPreservingOptimizer"/> (or call <see cref="ApplyMask"/> after each
/// step) to keep them zero under any optimizer.
/// </para>
/// <para>
/// The mask is a persistent bool buffer named <c>mask</c>: it moves with <c>to()</c>, stays bool
/// under <c>to(float64)</c>, and saves and loads with the module. It is only ever updated in place.
/// </para>
/// </remarks>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>, IMaskedWeight
{
    private const string WeightName = "weight";
    private const string BiasName = "bias";
    private const string MaskName = "mask";

    [ComponentName(Name = WeightName)]
    private Parameter _weight;

    [ComponentName(Name = BiasName)]
    private Parameter? _bias;

    [ComponentName(Name = MaskName)]
    private Tensor _mask;

    // Not a tensor field, so RegisterComponents leaves it alone: a set saliency is neither saved nor moved.
    private readonly SaliencyStore _saliency = new();

    /// <summary>
    /// Creates the map from <paramref name="inFeatures"/> to <paramref name="outFeatures"/> with every
    /// weight present, initialized as TorchSharp's <c>Linear</c> is (Kaiming uniform).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedLinear(long inFeatures, long outFeatures, bool bias = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(MaskedLinear))
    {
        CheckSize(inFeatures, nameof(inFeatures));
        CheckSize(outFeatures, nameof(outFeatures));
        WeightLimits.CheckDense(outFeatures, inFeatures, $"A MaskedLinear from {inFeatures} to {outFeatures} features", nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;

        // Built outside any caller's dispose scope: a parameter adopts the scope of its tensor.
        using (no_grad())
        {
            var weight = empty(outFeatures, inFeatures, dtype: dtype, device: device);
            nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
            _weight = new Parameter(weight);
            _weight.DetachFromDisposeScope();
            if (bias)
            {
                var bound = 1.0 / Math.Sqrt(inFeatures);
                var values = empty(outFeatures, dtype: dtype, device: device);
                nn.init.uniform_(values, -bound, bound);
                _bias = new Parameter(values);
                _bias.DetachFromDisposeScope();
            }

            _mask = ones(outFeatures, inFeatures, dtype: ScalarType.Bool, device: device).DetachFromDisposeScope();
        }

        RegisterComponents();
    }

    /// <summary>The number of inputs.</summary>
    public long InFeatures { get; }

    /// <summary>The number of outputs.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight, <c>[OutFeatures, InFeatures]</c> (TorchSharp's spelling).</summary>
    /// <exception cref="ArgumentException">Set to a parameter of another shape.</exception>
    public Parameter weight
    {
        get => _weight;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckShape(value, nameof(value), "weight");
            if (value.Handle == _weight.Handle)
            {
                return;
            }

            _weight.Dispose();
            _weight = (Parameter)value.DetachFromDisposeScope();
            ConditionallyRegisterParameter(WeightName, _weight);
        }
    }

    /// <summary>The bias, <c>[OutFeatures]</c>, or <see langword="null"/> without one (TorchSharp's spelling).</summary>
    /// <exception cref="ArgumentException">Set to a parameter of another shape.</exception>
    public Parameter? bias
    {
        get => _bias;
        set
        {
            if (value is not null && (value.Dimensions != 1 || value.shape[0] != OutFeatures))
            {
                throw new ArgumentException($"bias must have shape [{OutFeatures}], but has shape {Describe(value.shape)}.", nameof(value));
            }

            if (value?.Handle == _bias?.Handle)
            {
                return;
            }

            _bias?.Dispose();
            _bias = (Parameter?)value?.DetachFromDisposeScope();
            ConditionallyRegisterParameter(BiasName, _bias);
        }
    }

    /// <inheritdoc />
    Tensor IMaskedWeight.Weight => _weight;

    /// <inheritdoc />
    public Tensor Mask
    {
        get => _mask;
        set => MaskAssignment.CopyInto(_mask, value, mask => CheckShape(mask, nameof(value), "mask"));
    }

    /// <inheritdoc />
    public Tensor? Saliency
    {
        get => _saliency.Get(_weight);
        set => _saliency.Set(value, saliency => CheckShape(saliency, nameof(value), "saliency"));
    }

    /// <inheritdoc />
    public long WeightCount => MaskAssignment.CountTrue(_mask);

    /// <inheritdoc />
    public long Capacity => OutFeatures * InFeatures;

    /// <inheritdoc />
    public void ApplyMask() => MaskAssignment.ZeroMasked(_weight, _mask);

    /// <inheritdoc />
    public void RecomputeMask(double theta = 0.001) => MaskAssignment.Recompute(_weight, _mask, theta);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>, or its dtype is not the weight's.</exception>
    public override Tensor forward(Tensor input)
    {
        InputShapes.CheckDtype(input, _weight.dtype, nameof(MaskedLinear));
        if (input.Dimensions == 0 || input.shape[^1] != InFeatures)
        {
            throw new ArgumentException($"The input's last dimension must be {InFeatures}, but the input has shape {Describe(input.shape)}.", nameof(input));
        }

        using var masked = _weight.mul(_mask);
        return nn.functional.linear(input, masked, _bias);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedLinear(in_features={InFeatures}, out_features={OutFeatures}, bias={_bias is not null})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _saliency.Dispose();
        }

        base.Dispose(disposing);
    }

    internal static string Describe(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static void CheckSize(long size, string parameterName)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"{parameterName} must be at least 1, but was {size}.");
        }
    }

    private void CheckShape(Tensor value, string parameterName, string what)
    {
        if (value.Dimensions != 2 || value.shape[0] != OutFeatures || value.shape[1] != InFeatures)
        {
            throw new ArgumentException($"The {what} must have shape [{OutFeatures}, {InFeatures}], but has shape {Describe(value.shape)}.", parameterName);
        }
    }
}
