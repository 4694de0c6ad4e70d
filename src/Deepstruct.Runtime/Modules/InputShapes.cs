using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Checks of input shapes shared by the models, which flatten everything after the batch dimension.</summary>
internal static class InputShapes
{
    /// <summary>A copy of <paramref name="shape"/> after checking it; returns the flattened size in <paramref name="size"/>.</summary>
    public static long[] Validate(long[] shape, string parameterName, out int size)
    {
        ArgumentNullException.ThrowIfNull(shape, parameterName);
        if (shape.Length == 0)
        {
            throw new ArgumentException($"{parameterName} must have at least one dimension, but is empty.", parameterName);
        }

        long product = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 1)
            {
                throw new ArgumentOutOfRangeException(parameterName, MaskedLinear.Describe(shape), $"Every dimension of {parameterName} must be at least 1, but it is {MaskedLinear.Describe(shape)}.");
            }

            product *= dimension;
            if (product > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(parameterName, MaskedLinear.Describe(shape), $"{parameterName} = {MaskedLinear.Describe(shape)} has more than {int.MaxValue} elements.");
            }
        }

        size = (int)product;
        return (long[])shape.Clone();
    }

    /// <summary>
    /// <paramref name="input"/> as <c>[batch, features]</c>, after checking it is <c>[batch, ..shape]</c>
    /// of the model's <paramref name="dtype"/>.
    /// </summary>
    public static Tensor Flatten(Tensor input, long[] shape, ScalarType dtype, string model)
    {
        CheckDtype(input, dtype, model);
        var actual = input.shape;
        var matches = actual.Length == shape.Length + 1;
        for (var i = 0; matches && i < shape.Length; i++)
        {
            matches = actual[i + 1] == shape[i];
        }

        if (!matches)
        {
            throw new ArgumentException(
                $"{model} expects input of shape [batch, {string.Join(", ", shape)}], but the input has shape {MaskedLinear.Describe(actual)}.", nameof(input));
        }

        return input.reshape(actual[0], -1);
    }

    /// <summary>
    /// Refuses input whose dtype differs from the model's weights: libtorch would fail deep inside with
    /// C++ frames. Comparing two enum values allocates nothing.
    /// </summary>
    public static void CheckDtype(Tensor input, ScalarType expected, string model, string parameterName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, parameterName);
        var actual = input.dtype;
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{model} expects {parameterName} of dtype {expected}, the dtype of its weights, but {parameterName} has dtype {actual}: convert it with {parameterName}.to({expected}) (or the model with model.to({actual}) if that is a floating-point dtype).",
                parameterName);
        }
    }
}
