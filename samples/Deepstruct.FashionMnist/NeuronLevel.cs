using System.Globalization;

namespace Deepstruct.FashionMnistSample;

/// <summary>
/// A neuron-pruning level: every hidden layer keeps the same share of its neurons, chosen so that the
/// weights left after compaction come closest to a weight level of the table.
/// </summary>
/// <param name="Level">The share of the dense network's weights aimed at.</param>
/// <param name="KeptPercent">The percentage of each hidden layer's neurons kept (1–100).</param>
/// <param name="Kept">The neurons each hidden layer keeps.</param>
/// <param name="Weights">The weights of a network with those hidden layers.</param>
public sealed record NeuronLevel(double Level, int KeptPercent, IReadOnlyList<int> Kept, long Weights)
{
    /// <summary>The neurons pruned in all hidden layers together.</summary>
    public int Pruned(IReadOnlyList<int> hidden) => hidden.Sum() - Kept.Sum();

    /// <summary>
    /// The whole-percent share of neurons whose network's weight count is closest to
    /// <paramref name="level"/> of the dense network's (the smaller share on a tie). Only shares that
    /// keep a whole number of neurons in every layer and at least one are considered, so the per-layer
    /// split is exact.
    /// </summary>
    public static NeuronLevel Closest(double level, int inputSize, IReadOnlyList<int> hidden, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (level is not (> 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be in (0, 1].");
        }

        var dense = NetworkWeights(inputSize, hidden, outputSize);
        var target = level * dense;
        NeuronLevel? best = null;
        for (var percent = 1; percent <= 100; percent++)
        {
            if (hidden.Any(size => size * percent % 100 != 0))
            {
                continue;
            }

            var kept = hidden.Select(size => size * percent / 100).ToList();
            var weights = NetworkWeights(inputSize, kept, outputSize);
            if (best is null || Math.Abs(weights - target) < Math.Abs(best.Weights - target))
            {
                best = new NeuronLevel(level, percent, kept, weights);
            }
        }

        return best ?? throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"No whole-percent share keeps a whole number of neurons in every layer of [{string.Join(", ", hidden)}]."), nameof(hidden));
    }

    /// <summary>The weights of a fully connected network with these layer sizes (biases not counted).</summary>
    public static long NetworkWeights(int inputSize, IReadOnlyList<int> hidden, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        var sizes = new[] { inputSize }.Concat(hidden).Append(outputSize).ToList();
        long weights = 0;
        for (var i = 1; i < sizes.Count; i++)
        {
            weights += (long)sizes[i - 1] * sizes[i];
        }

        return weights;
    }
}
