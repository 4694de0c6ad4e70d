using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace Deepstruct.Extraction;

/// <summary>
/// Module kinds that keep every value on its neuron as far as zeroth-order structure goes:
/// activations, normalizations, dropout and reshapes (deepstruct's list of point-wise operations,
/// with TorchSharp's names, plus flatten, unflatten and identity).
/// </summary>
internal static class PointwiseModules
{
    private static readonly Type[] Known =
    {
        typeof(ReLU), typeof(ReLU6), typeof(RReLU), typeof(PReLU), typeof(LeakyReLU), typeof(ELU), typeof(CELU), typeof(SELU),
        typeof(GELU), typeof(SiLU), typeof(Mish), typeof(Sigmoid), typeof(Tanh), typeof(Hardtanh), typeof(Hardsigmoid),
        typeof(Hardswish), typeof(Hardshrink), typeof(Softshrink), typeof(Tanhshrink), typeof(Softplus), typeof(Softsign),
        typeof(LogSigmoid), typeof(Threshold), typeof(Softmax), typeof(Softmin), typeof(Softmax2d), typeof(LogSoftmax),
        typeof(BatchNorm), typeof(InstanceNorm), typeof(LayerNorm), typeof(GroupNorm), typeof(LocalResponseNorm),
        typeof(Dropout), typeof(Dropout1d), typeof(Dropout2d), typeof(Dropout3d), typeof(AlphaDropout), typeof(FeatureAlphaDropout),
        typeof(Flatten), typeof(Unflatten), typeof(Identity),
    };

    public static bool Contains(Type type, IReadOnlyCollection<Type> extra)
    {
        foreach (var known in Known)
        {
            if (known.IsAssignableFrom(type))
            {
                return true;
            }
        }

        foreach (var known in extra)
        {
            if (known.IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }
}
