using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Deepstruct;

/// <summary>
/// A family of feed-forward networks with fixed proportions of neurons per hidden layer (deepstruct's
/// <c>ScalableDeepFFN</c>): <see cref="Draw"/> turns a scale into hidden sizes, <c>Build</c>
/// into a <see cref="MaskedDeepFfn"/>.
/// </summary>
/// <remarks>
/// As in deepstruct, proportions are used rounded to <see cref="Precision"/> decimals (half to even),
/// and a hidden layer has <c>⌊max(1, scale · proportion)⌋</c> neurons, so never none. Two families are
/// similar when the Kullback–Leibler divergence of their proportions (the shorter padded with zeros) is
/// below <see cref="EntropySimilarityEpsilon"/>.
/// </remarks>
public sealed class ScalableDeepFfn
{
    private const double SumTolerance = 0.001;
    private readonly double[] _proportions;
    private int _precision = 2;
    private double _entropySimilarityEpsilon = 0.1;

    /// <summary>Creates the family from the share of each hidden layer, summing to 1 (within 0.001).</summary>
    /// <exception cref="ArgumentException">The proportions are empty, one is outside [0, 1], or they do not sum to 1.</exception>
    public ScalableDeepFfn(IReadOnlyList<double> proportions)
    {
        ArgumentNullException.ThrowIfNull(proportions);
        if (proportions.Count == 0)
        {
            throw new ArgumentException("proportions must have at least one hidden layer, but is empty.", nameof(proportions));
        }

        for (var i = 0; i < proportions.Count; i++)
        {
            if (!(proportions[i] >= 0 && proportions[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(proportions), proportions[i], string.Format(CultureInfo.InvariantCulture, "proportions[{0}] must lie in [0, 1], but was {1}.", i, proportions[i]));
            }
        }

        var sum = proportions.Sum();
        if (Math.Abs(sum - 1) >= SumTolerance)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "proportions must sum to 1, but sum to {0}.", sum), nameof(proportions));
        }

        _proportions = proportions.ToArray();
    }

    /// <summary>Decimals the proportions are rounded to when drawing (deepstruct's default: 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 15.</exception>
    public int Precision
    {
        get => _precision;
        set => _precision = value is >= 1 and <= 15
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "Precision must lie in 1..15, but was {0}.", value));
    }

    /// <summary>Below this divergence two families count as similar (deepstruct's default: 0.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public double EntropySimilarityEpsilon
    {
        get => _entropySimilarityEpsilon;
        set => _entropySimilarityEpsilon = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "EntropySimilarityEpsilon must be positive, but was {0}.", value));
    }

    /// <summary>The proportions rounded to <see cref="Precision"/> decimals.</summary>
    public IReadOnlyList<double> Proportions => Array.ConvertAll(_proportions, p => Math.Round(p, _precision, MidpointRounding.ToEven));

    /// <summary>The hidden sizes at <paramref name="scale"/>: <c>⌊max(1, scale · proportion)⌋</c> each.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is below 1.</exception>
    public int[] Draw(int scale)
    {
        if (scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, string.Format(CultureInfo.InvariantCulture, "scale must be at least 1, but was {0}.", scale));
        }

        var proportions = Proportions;
        var sizes = new int[proportions.Count];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = (int)Math.Floor(Math.Max(1.0, scale * proportions[i]));
        }

        return sizes;
    }

    /// <summary>A <see cref="MaskedDeepFfn"/> with the hidden sizes of <see cref="Draw"/>.</summary>
    /// <exception cref="ArgumentException">A size or the scale is below 1.</exception>
    public MaskedDeepFfn Build(int inputSize, int outputSize, int scale, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true) =>
        new(inputSize, outputSize, Draw(scale), useLayerNorm, activation, bias);

    /// <summary>A <see cref="MaskedDeepFfn"/> for inputs of shape <c>[batch, ..inputShape]</c> with the hidden sizes of <see cref="Draw"/>.</summary>
    /// <exception cref="ArgumentException">The shape is empty, or a size or the scale is below 1.</exception>
    public MaskedDeepFfn Build(long[] inputShape, int outputSize, int scale, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true) =>
        new(inputShape, outputSize, Draw(scale), useLayerNorm, activation, bias);

    /// <summary>
    /// The Kullback–Leibler divergence of this family's proportions from <paramref name="other"/>'s,
    /// <c>Σ p·log(p/q)</c> over <c>p ≠ 0</c>, the shorter list padded with zeros (infinite where q is 0 and p is not).
    /// </summary>
    public double EntropySimilarity(ScalableDeepFfn other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var length = Math.Max(_proportions.Length, other._proportions.Length);
        var divergence = 0.0;
        for (var i = 0; i < length; i++)
        {
            var p = i < _proportions.Length ? _proportions[i] : 0;
            var q = i < other._proportions.Length ? other._proportions[i] : 0;
            if (p != 0)
            {
                divergence += p * Math.Log(p / q);
            }
        }

        return divergence;
    }

    /// <summary>Whether the two families are similar: <see cref="EntropySimilarity"/> below <see cref="EntropySimilarityEpsilon"/> (deepstruct's <c>==</c>).</summary>
    public bool IsSimilarTo(ScalableDeepFfn other) => EntropySimilarity(other) < EntropySimilarityEpsilon;

    /// <summary>The hidden sizes at scale 10^<see cref="Precision"/>, as deepstruct prints a family.</summary>
    public override string ToString() => "[" + string.Join(", ", Draw((int)Math.Pow(10, Math.Min(_precision, 9)))) + "]";
}
