using System;
using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// One masked weight of a recurrent layer, seen through the layer: it reads the layer's fields on
/// every access, because <c>to()</c> and <c>load()</c> replace the tensors the layer holds.
/// </summary>
internal sealed class MaskedRecurrentWeight : IMaskedWeight, IDisposable
{
    private readonly Func<Parameter> _weight;
    private readonly Func<Tensor> _mask;
    private readonly string _name;
    private Tensor? _saliency;

    public MaskedRecurrentWeight(Func<Parameter> weight, Func<Tensor> mask, string name)
    {
        _weight = weight;
        _mask = mask;
        _name = name;
    }

    public Tensor Weight => _weight();

    public Tensor Mask
    {
        get => _mask();
        set => MaskAssignment.CopyInto(_mask(), value, mask => CheckShape(mask, "mask"));
    }

    public Tensor? Saliency
    {
        get
        {
            var weight = _weight();
            return _saliency is null ? weight.detach().abs() : _saliency.to(weight.dtype, weight.device, copy: true);
        }

        set
        {
            if (value is not null)
            {
                CheckShape(value, "saliency");
            }

            _saliency?.Dispose();
            _saliency = value?.detach().clone().DetachFromDisposeScope();
        }
    }

    public long WeightCount => MaskAssignment.CountTrue(_mask());

    public long Capacity => _weight().numel();

    public void ApplyMask()
    {
        using (no_grad())
        using (var masked = _mask().logical_not())
        {
            _weight().masked_fill_(masked, TorchScalars.Zero);
        }
    }

    public void RecomputeMask(double theta = 0.001)
    {
        CheckTheta(theta);
        using (no_grad())
        using (var magnitude = _weight().abs())
        using (var kept = magnitude.ge(theta))
        {
            _mask().copy_(kept);
        }
    }

    public void Dispose()
    {
        _saliency?.Dispose();
        _saliency = null;
    }

    public override string ToString() => $"{_name} {MaskedLinear.Describe(_weight().shape)}";

    internal static void CheckTheta(double theta)
    {
        if (!(theta >= 0) || double.IsInfinity(theta))
        {
            throw new ArgumentOutOfRangeException(nameof(theta), theta, string.Format(CultureInfo.InvariantCulture, "theta must be a finite threshold ≥ 0, but was {0}.", theta));
        }
    }

    private void CheckShape(Tensor value, string what)
    {
        var expected = _weight().shape;
        if (value.Dimensions != 2 || value.shape[0] != expected[0] || value.shape[1] != expected[1])
        {
            throw new ArgumentException($"The {what} of {_name} must have shape {MaskedLinear.Describe(expected)}, but has shape {MaskedLinear.Describe(value.shape)}.", nameof(value));
        }
    }
}
