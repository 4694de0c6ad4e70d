using System;
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
    private readonly SaliencyStore _saliency = new();

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
        get => _saliency.Get(_weight());
        set => _saliency.Set(value, saliency => CheckShape(saliency, "saliency"));
    }

    public long WeightCount => MaskAssignment.CountTrue(_mask());

    public long Capacity => _weight().numel();

    public void ApplyMask() => MaskAssignment.ZeroMasked(_weight(), _mask());

    public void RecomputeMask(double theta = 0.001) => MaskAssignment.Recompute(_weight(), _mask(), theta);

    public void Dispose() => _saliency.Dispose();

    public override string ToString() => $"{_name} {MaskedLinear.Describe(_weight().shape)}";

    private void CheckShape(Tensor value, string what)
    {
        var expected = _weight().shape;
        if (value.Dimensions != 2 || value.shape[0] != expected[0] || value.shape[1] != expected[1])
        {
            throw new ArgumentException($"The {what} of {_name} must have shape {MaskedLinear.Describe(expected)}, but has shape {MaskedLinear.Describe(value.shape)}.", nameof(value));
        }
    }
}
