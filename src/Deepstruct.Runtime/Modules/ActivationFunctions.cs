using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Applies an <see cref="Activation"/> to a tensor.</summary>
internal static class ActivationFunctions
{
    /// <summary>LeakyReLU's negative slope (PyTorch's default), shared with the ONNX export.</summary>
    public const double LeakyReluSlope = 0.01;

    /// <summary>ELU's alpha (PyTorch's default), shared with the ONNX export.</summary>
    public const double EluAlpha = 1.0;

    public static Tensor Apply(Activation activation, Tensor input) => activation switch
    {
        Activation.ReLU => nn.functional.relu(input),
        Activation.Tanh => nn.functional.tanh(input),
        Activation.Sigmoid => nn.functional.sigmoid(input),
        Activation.GELU => nn.functional.gelu(input),
        Activation.LeakyReLU => nn.functional.leaky_relu(input, LeakyReluSlope),
        Activation.ELU => nn.functional.elu(input, EluAlpha),
        // A new handle, so that callers may dispose the result and the input independently.
        Activation.Identity => input.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation."),
    };

    public static void Check(Activation activation)
    {
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation.");
        }
    }
}
