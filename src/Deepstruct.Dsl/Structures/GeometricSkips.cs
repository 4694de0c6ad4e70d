using System;

namespace Deepstruct.Structures;

/// <summary>
/// Independent Bernoulli(p) trials visited by geometric skipping (Batagelj and Brandes): each call
/// draws one <see cref="DeterministicRandom.NextDouble"/> U and returns the number of failures
/// before the next success, ⌊log(1 − U) / log(1 − p)⌋, so the cost of a run of trials follows the
/// successes, not the trials. The logarithm comes from <see cref="DeterministicMath"/>, so every
/// platform skips alike. Shared by every random family and pattern: one seed, one way of drawing.
/// </summary>
internal sealed class GeometricSkips
{
    /// <summary>A gap no caller can reach (positions stay below 2^62), small enough that adding it never overflows.</summary>
    public const long Never = long.MaxValue / 4;

    private readonly DeterministicRandom _random;
    private readonly double _logOfMiss;

    /// <param name="random">The generator drawn from, once per call of <see cref="NextGap"/>.</param>
    /// <param name="p">The probability of a success, strictly between 0 and 1.</param>
    public GeometricSkips(DeterministicRandom random, double p)
    {
        _random = random;
        _logOfMiss = LogOfMiss(p);
    }

    /// <summary>The number of failures before the next success, at most <see cref="Never"/>.</summary>
    public long NextGap()
    {
        var gap = Math.Floor(DeterministicMath.Log(1 - _random.NextDouble()) / _logOfMiss);
        return (long)Math.Min(gap, Never);
    }

    /// <summary>
    /// log(1 − p). Below 10⁻⁴ the series −(p + p²/2 + … + p⁵/5) is exact to double precision, where
    /// 1 − p would lose p's digits (and become 1, whose logarithm 0 would make every gap infinite).
    /// </summary>
    private static double LogOfMiss(double p)
    {
        if (p >= 1e-4)
        {
            return DeterministicMath.Log(1 - p);
        }

        var sum = 0.0;
        var power = p;
        for (var k = 1; k <= 5; k++)
        {
            sum += power / k;
            power *= p;
        }

        return -sum;
    }
}
