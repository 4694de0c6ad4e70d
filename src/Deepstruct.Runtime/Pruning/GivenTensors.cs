using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>The tensors a caller gives as saliencies (of weights or of neurons): the list, each one present.</summary>
internal static class GivenTensors
{
    /// <summary>The tensors of <paramref name="saliencies"/> in a new array, refusing a null list or entry.</summary>
    /// <exception cref="ArgumentNullException">The list is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry is <see langword="null"/>.</exception>
    public static Tensor[] Of(IReadOnlyList<Tensor> saliencies)
    {
        ArgumentNullException.ThrowIfNull(saliencies);
        var result = new Tensor[saliencies.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = saliencies[i] ?? throw new ArgumentException($"saliencies[{i}] is null.", nameof(saliencies));
        }

        return result;
    }
}
