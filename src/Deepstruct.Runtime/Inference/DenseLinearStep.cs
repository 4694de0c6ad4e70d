using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>A masked layer computed densely: <c>linear</c> of a copy of its weight with the mask folded in.</summary>
internal sealed class DenseLinearStep : InferenceStep
{
    private readonly Tensor _weight;
    private readonly Tensor? _bias;

    public DenseLinearStep(MaskedLinear layer)
    {
        _weight = layer.weight.detach().mul(layer.Mask).DetachFromDisposeScope();
        _bias = layer.bias?.detach().clone().DetachFromDisposeScope();
    }

    public override Tensor Apply(Tensor input) => nn.functional.linear(input, _weight, _bias);

    public override void Dispose()
    {
        _weight.Dispose();
        _bias?.Dispose();
        base.Dispose();
    }
}
