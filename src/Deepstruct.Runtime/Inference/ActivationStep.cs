using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>A hidden layer's activation, as the masked module applies it.</summary>
internal sealed class ActivationStep : InferenceStep
{
    private readonly Activation _activation;

    public ActivationStep(Activation activation) => _activation = activation;

    public override Tensor Apply(Tensor input) => ActivationFunctions.Apply(_activation, input);
}
