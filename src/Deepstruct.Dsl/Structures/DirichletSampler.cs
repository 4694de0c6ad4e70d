using System;

namespace Deepstruct.Structures;

/// <summary>
/// Symmetric Dirichlet draws from <see cref="DeterministicRandom"/> with only IEEE-exact operations
/// and <see cref="DeterministicMath.Log"/>, so a seed gives the same proportions on every platform.
/// </summary>
internal static class DirichletSampler
{
    /// <summary>
    /// <paramref name="count"/> shares summing to 1: independent Gamma(<paramref name="concentration"/>, 1)
    /// draws (Marsaglia and Tsang's method; normals by Marsaglia's polar method), divided by their sum.
    /// </summary>
    public static double[] Draw(int count, double concentration, DeterministicRandom random)
    {
        var draws = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            draws[i] = Gamma(concentration, random);
            sum += draws[i];
        }

        for (var i = 0; i < count; i++)
        {
            draws[i] /= sum;
        }

        return draws;
    }

    // Marsaglia and Tsang (2000), for shape ≥ 1.
    private static double Gamma(double shape, DeterministicRandom random)
    {
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = Normal(random);
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextDouble();
            var x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2))
            {
                return d * v;
            }

            if (u > 0 && DeterministicMath.Log(u) < (0.5 * x2) + (d * (1 - v + DeterministicMath.Log(v))))
            {
                return d * v;
            }
        }
    }

    // Marsaglia's polar method; the second normal of each pair is discarded to keep the draw order simple.
    private static double Normal(DeterministicRandom random)
    {
        while (true)
        {
            var a = (2 * random.NextDouble()) - 1;
            var b = (2 * random.NextDouble()) - 1;
            var s = (a * a) + (b * b);
            if (s > 0 && s < 1)
            {
                return a * Math.Sqrt(-2 * DeterministicMath.Log(s) / s);
            }
        }
    }
}
