using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>A layer norm over the last dimension, with copies of its scale and shift.</summary>
internal sealed class LayerNormStep : InferenceStep
{
    private readonly Tensor? _weight;
    private readonly Tensor? _bias;
    private readonly long[] _shape;
    private readonly double _eps;

    public LayerNormStep(LayerNorm norm, long width)
        : this(norm.weight, norm.bias, norm.eps, width)
    {
    }

    /// <summary>Copies of <paramref name="weight"/> and <paramref name="bias"/> (either may be absent).</summary>
    public LayerNormStep(Tensor? weight, Tensor? bias, double eps, long width)
    {
        _weight = weight?.detach().clone().DetachFromDisposeScope();
        _bias = bias?.detach().clone().DetachFromDisposeScope();
        _shape = new[] { width };
        _eps = eps;
    }

    public override Tensor Apply(Tensor input) => nn.functional.layer_norm(input, _shape, _weight, _bias, _eps);

    public override void Dispose()
    {
        _weight?.Dispose();
        _bias?.Dispose();
        base.Dispose();
    }
}
