using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Saliencies whose order is known: a seeded permutation of 0..N-1 spread over the layers.</summary>
internal static class PlantedSaliency
{
    /// <summary>One tensor per layer; entry values are the ranks 0..N-1 over the whole model.</summary>
    public static Tensor[] Ranks(IReadOnlyList<IMaskedWeight> layers, long seed)
    {
        var total = (int)layers.Sum(layer => layer.Capacity);
        var ranks = Enumerable.Range(0, total).ToArray();
        var random = new DeterministicRandom(seed);
        for (var i = ranks.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (ranks[i], ranks[j]) = (ranks[j], ranks[i]);
        }

        var result = new Tensor[layers.Count];
        var offset = 0;
        for (var l = 0; l < layers.Count; l++)
        {
            var count = (int)layers[l].Capacity;
            result[l] = torch.tensor(ranks.Skip(offset).Take(count).Select(r => (float)r).ToArray(), layers[l].Weight.shape);
            offset += count;
        }

        return result;
    }

    public static long Count(Tensor mask, bool value)
    {
        using var hits = mask.eq(value);
        using var count = hits.count_nonzero();
        return count.item<long>();
    }

    public static long Unmasked(IEnumerable<IMaskedWeight> layers) => layers.Sum(layer => Count(layer.Mask, true));
}
