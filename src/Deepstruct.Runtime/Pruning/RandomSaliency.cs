using System;
using System.Collections.Generic;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Uniform saliencies in [0, 1) drawn from one <see cref="DeterministicRandom"/> stream, layer after
/// layer in row-major order (masked positions draw too, so a layer's values do not depend on masks).
/// </summary>
internal sealed class RandomSaliency : SaliencySource
{
    private readonly long _seed;

    public RandomSaliency(long seed) => _seed = seed;

    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var random = new DeterministicRandom(_seed);
        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var weight = layers[i].Weight;
            var values = new double[weight.NumberOfElements];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = random.NextDouble();
            }

            using var cpu = tensor(values, weight.shape);
            result[i] = cpu.to(weight.dtype, weight.device);
        }

        return result;
    }

    public override string ToString() => $"random (seed {_seed})";
}
