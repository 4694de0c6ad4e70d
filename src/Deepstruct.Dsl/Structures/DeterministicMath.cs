using System;

namespace Deepstruct.Structures;

/// <summary>
/// Elementary functions computed with IEEE 754 additions, multiplications and divisions only, so
/// their results are bit-identical on every platform (the C runtime's <c>log</c> may differ by an
/// ulp between operating systems, which would change which edges a seeded family draws).
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2 = 0.693147180559945309417232121458176568;
    private const double Sqrt2 = 1.41421356237309504880168872420969808;

    /// <summary>The natural logarithm of a positive, finite <paramref name="x"/>, accurate to a few ulps.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm is taken of positive finite numbers only.");
        }

        // x = m · 2^e with m in [√½, √2); log x = e·ln 2 + 2·atanh((m − 1)/(m + 1)).
        var exponent = 0;
        while (x >= Sqrt2)
        {
            x *= 0.5;
            exponent++;
        }

        while (x < Sqrt2 / 2)
        {
            x *= 2;
            exponent--;
        }

        var s = (x - 1) / (x + 1);
        var s2 = s * s;
        var term = s;
        var sum = 0.0;
        for (var odd = 1; odd <= 41; odd += 2)
        {
            sum += term / odd;
            term *= s2;
        }

        return (exponent * Ln2) + (2 * sum);
    }
}
