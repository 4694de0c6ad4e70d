using System;
using System.Globalization;

namespace Deepstruct.Structures;

/// <summary>
/// The project's one pseudo-random generator, specified so that a seed gives the same numbers on
/// every OS, runtime and version: xoshiro256** 1.0 (Blackman and Vigna), its 256-bit state filled
/// by four successive outputs of SplitMix64 started at the seed. Only integer arithmetic is used;
/// <see cref="NextDouble"/> is the top 53 bits scaled by 2^-53, which is exact in IEEE 754.
/// Not <see cref="System.Random"/>, whose algorithm is not a contract. Not for cryptography.
/// </summary>
public sealed class DeterministicRandom
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the generator; any 64-bit value is a valid seed (a negative one is taken as its two's complement bits).</summary>
    public DeterministicRandom(long seed)
    {
        var splitMix = unchecked((ulong)seed);
        _s0 = SplitMix64(ref splitMix);
        _s1 = SplitMix64(ref splitMix);
        _s2 = SplitMix64(ref splitMix);
        _s3 = SplitMix64(ref splitMix);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var result = RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>True with probability <paramref name="p"/>: <c>NextDouble() &lt; p</c> (one draw; p = 1 is always true, p = 0 never).</summary>
    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>
    /// A uniform integer in [0, <paramref name="maxExclusive"/>), without bias: draws are rejected
    /// while they fall in the incomplete last block of 2^64 modulo the bound, then reduced modulo it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is below 1.</exception>
    public int NextInt(int maxExclusive)
    {
        Guard.AtLeast(maxExclusive, 1, nameof(maxExclusive));
        var bound = (ulong)maxExclusive;
        var limit = ulong.MaxValue - (((ulong.MaxValue % bound) + 1) % bound);
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw > limit);

        return (int)(draw % bound);
    }

    /// <summary>
    /// <paramref name="count"/> shares summing to 1, drawn from the symmetric Dirichlet distribution
    /// with the given <paramref name="concentration"/> (larger is closer to equal): independent
    /// Gamma draws in order, divided by their sum. Only IEEE-exact operations and the core's own
    /// logarithm are used, so a seed gives the same shares on every platform.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or <paramref name="concentration"/> is below 1 or not finite.</exception>
    public double[] NextDirichlet(int count, double concentration)
    {
        Guard.AtLeast(count, 0, nameof(count));
        if (!(concentration >= 1) || double.IsInfinity(concentration))
        {
            throw new ArgumentOutOfRangeException(
                nameof(concentration), concentration, string.Format(CultureInfo.InvariantCulture, "concentration must be a finite number of at least 1, but was {0}.", concentration));
        }

        return DirichletSampler.Draw(count, concentration, this);
    }

    /// <summary>One SplitMix64 step (Steele, Lea and Flood), used to expand a seed into state.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));
}
