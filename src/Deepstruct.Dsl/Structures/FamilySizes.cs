using System;

namespace Deepstruct.Structures;

/// <summary>
/// The sizes of <see cref="StructureFamilies"/>' graphs computed from their arguments alone, so
/// that limits are enforced before anything is built. Arguments are checked exactly as the
/// families check them; counts saturate at <see cref="long.MaxValue"/> instead of overflowing. Every
/// entry is O(1) in its arguments: closed forms, no loop over a size.
/// </summary>
public static class FamilySizes
{
    /// <summary>Size of <see cref="StructureFamilies.BalancedTree"/>.</summary>
    public static FamilySize BalancedTree(long r, long h)
    {
        Guard.AtLeast(r, 1, nameof(r));
        Guard.AtLeast(h, 0, nameof(h));
        if (r == 1)
        {
            // A path: the level loop below would take h steps.
            var path = SaturatingAdd(h, 1);
            return new FamilySize(path, path - 1);
        }

        // With r ≥ 2, 63 levels already hold more than long.MaxValue vertices: the loop is O(1).
        long vertices = 0;
        long levelSize = 1;
        for (long level = 0; level <= Math.Min(h, 63); level++)
        {
            vertices = SaturatingAdd(vertices, levelSize);
            if (vertices == long.MaxValue)
            {
                break;
            }

            levelSize = SaturatingMultiply(levelSize, r);
        }

        return new FamilySize(vertices, vertices - 1);
    }

    /// <summary>Size of <see cref="StructureFamilies.Grid2D"/>.</summary>
    public static FamilySize Grid2D(long m, long n)
    {
        Guard.AtLeast(m, 1, nameof(m));
        Guard.AtLeast(n, 1, nameof(n));
        var edges = SaturatingAdd(SaturatingMultiply(m, n - 1), SaturatingMultiply(m - 1, n));
        return new FamilySize(SaturatingMultiply(m, n), edges);
    }

    /// <summary>Size of <see cref="StructureFamilies.Path"/>.</summary>
    public static FamilySize Path(long n)
    {
        Guard.AtLeast(n, 1, nameof(n));
        return new FamilySize(n, n - 1);
    }

    /// <summary>Size of <see cref="StructureFamilies.Complete"/>.</summary>
    public static FamilySize Complete(long n)
    {
        Guard.AtLeast(n, 1, nameof(n));
        return new FamilySize(n, Pairs(n));
    }

    /// <summary>Size of <see cref="StructureFamilies.Star"/>: <paramref name="n"/> leaves and a centre.</summary>
    public static FamilySize Star(long n)
    {
        Guard.AtLeast(n, 1, nameof(n));
        return new FamilySize(SaturatingAdd(n, 1), n);
    }

    /// <summary>Size of <see cref="StructureFamilies.WattsStrogatz"/>: exactly n·⌊k/2⌋ edges (a complete graph when k = n).</summary>
    public static FamilySize WattsStrogatz(long n, long k, double p)
    {
        CheckRingLattice(n, k, p);
        return new FamilySize(n, k == n ? Pairs(n) : SaturatingMultiply(n, k / 2));
    }

    /// <summary>Size of <see cref="StructureFamilies.NewmanWattsStrogatz"/>: at most twice the ring lattice's edges.</summary>
    public static FamilySize NewmanWattsStrogatz(long n, long k, double p)
    {
        CheckRingLattice(n, k, p);
        var upper = k == n ? Pairs(n) : Math.Min(Pairs(n), SaturatingMultiply(SaturatingMultiply(2, n), k / 2));
        return new FamilySize(n, upper);
    }

    /// <summary>Size of <see cref="StructureFamilies.ErdosRenyi"/>: at most every pair.</summary>
    public static FamilySize ErdosRenyi(long n, double p)
    {
        Guard.AtLeast(n, 1, nameof(n));
        Guard.Probability(p, nameof(p));
        return new FamilySize(n, p == 0 ? 0 : Pairs(n));
    }

    /// <summary>Size of <see cref="StructureFamilies.BarabasiAlbert"/>: exactly m·(n − m) edges.</summary>
    public static FamilySize BarabasiAlbert(long n, long m)
    {
        Guard.AtLeast(n, 2, nameof(n));
        Guard.AtLeast(m, 1, nameof(m));
        if (m >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"m must be smaller than n = {n}, but was {m}.");
        }

        return new FamilySize(n, SaturatingMultiply(m, n - m));
    }

    /// <summary>Size of <see cref="StructureFamilies.RandomDag"/>: at most every pair.</summary>
    public static FamilySize RandomDag(long n, double p) => ErdosRenyi(n, p);

    internal static void CheckRingLattice(long n, long k, double p)
    {
        Guard.AtLeast(n, 1, nameof(n));
        Guard.AtLeast(k, 0, nameof(k));
        if (k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must not exceed n = {n}, but was {k}.");
        }

        Guard.Probability(p, nameof(p));
    }

    private static long Pairs(long n) => n % 2 == 0 ? SaturatingMultiply(n / 2, n - 1) : SaturatingMultiply(n, (n - 1) / 2);

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long SaturatingMultiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
