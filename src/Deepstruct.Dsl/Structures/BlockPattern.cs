using System;

namespace Deepstruct.Structures;

/// <summary>
/// How a block (a range of consecutive vertices) connects to another: <see cref="Full"/>,
/// <see cref="OneToOne"/>, <see cref="Band"/> or <see cref="Random"/>. Positions are relative to
/// each block's first vertex. A pair that would join a vertex to itself (overlapping blocks) is
/// skipped and counted, never added.
/// </summary>
public abstract class BlockPattern
{
    private protected BlockPattern()
    {
    }

    /// <summary>Every source to every target (complete bipartite).</summary>
    public static BlockPattern Full { get; } = new FullBlockPattern();

    /// <summary>The i-th source to the i-th target; the blocks must have equal sizes.</summary>
    public static BlockPattern OneToOne { get; } = new OneToOneBlockPattern();

    /// <summary>Source i to target j when |i − j| ≤ <paramref name="width"/>.</summary>
    public static BlockPattern Band(int width)
    {
        Guard.AtLeast(width, 0, nameof(width));
        return new BandBlockPattern(width);
    }

    /// <summary>
    /// Each pair kept with probability <paramref name="p"/>: a fresh <see cref="DeterministicRandom"/>
    /// seeded with <paramref name="seed"/> for every connection; the (source, target) pairs, in index
    /// order row by row, are visited by geometric skipping as in <see cref="StructureFamilies.ErdosRenyi"/>
    /// (one draw per pair kept), so connecting costs time in the edges made, not in the pairs.
    /// </summary>
    public static BlockPattern Random(double p, long seed)
    {
        Guard.Probability(p, nameof(p));
        return new RandomBlockPattern(p, seed);
    }

    /// <summary>An upper bound on the edges between blocks of these sizes, computed without connecting anything.</summary>
    public abstract long MaxEdgeCount(long sourceLength, long targetLength);

    /// <summary>Whether the pattern draws nothing at random: then two single vertices always connect.</summary>
    internal virtual bool IsDeterministic => true;

    /// <summary>Whether blocks of these sizes can be connected (only <see cref="OneToOne"/> needs equal sizes).</summary>
    public virtual bool Accepts(long sourceLength, long targetLength) => true;

    /// <summary>Adds the edges to <paramref name="builder"/>; returns how many self-pairs were skipped.</summary>
    /// <exception cref="ArgumentException">The blocks' sizes are not accepted.</exception>
    public long Connect(StructureBuilder builder, int sourceFirst, int sourceLength, int targetFirst, int targetLength)
    {
        Guard.NotNull(builder, nameof(builder));
        return Connect((u, v) => builder.AddEdge(u, v), sourceFirst, sourceLength, targetFirst, targetLength);
    }

    internal long Connect(EdgeAccumulator edges, int sourceFirst, int sourceLength, int targetFirst, int targetLength) =>
        Connect(edges.Add, sourceFirst, sourceLength, targetFirst, targetLength);

    internal long Connect(Action<int, int> add, int sourceFirst, int sourceLength, int targetFirst, int targetLength)
    {
        if (!Accepts(sourceLength, targetLength))
        {
            throw new ArgumentException($"Blocks of {sourceLength} and {targetLength} vertices cannot be connected one to one; the sizes must be equal.", nameof(targetLength));
        }

        long selfPairs = 0;
        void Add(int i, int j)
        {
            var u = sourceFirst + i;
            var v = targetFirst + j;
            if (u == v)
            {
                selfPairs++;
            }
            else
            {
                add(u, v);
            }
        }

        Enumerate(sourceLength, targetLength, Add);
        return selfPairs;
    }

    /// <summary>Calls <paramref name="pair"/> with the relative (source, target) positions to connect, in index order.</summary>
    private protected abstract void Enumerate(int sourceLength, int targetLength, Action<int, int> pair);

    private sealed class FullBlockPattern : BlockPattern
    {
        public override long MaxEdgeCount(long sourceLength, long targetLength) => Saturating(sourceLength, targetLength);

        private protected override void Enumerate(int sourceLength, int targetLength, Action<int, int> pair)
        {
            for (var i = 0; i < sourceLength; i++)
            {
                for (var j = 0; j < targetLength; j++)
                {
                    pair(i, j);
                }
            }
        }
    }

    private sealed class OneToOneBlockPattern : BlockPattern
    {
        public override long MaxEdgeCount(long sourceLength, long targetLength) => Math.Min(sourceLength, targetLength);

        public override bool Accepts(long sourceLength, long targetLength) => sourceLength == targetLength;

        private protected override void Enumerate(int sourceLength, int targetLength, Action<int, int> pair)
        {
            for (var i = 0; i < sourceLength; i++)
            {
                pair(i, i);
            }
        }
    }

    private sealed class BandBlockPattern(int width) : BlockPattern
    {
        public override long MaxEdgeCount(long sourceLength, long targetLength) =>
            Math.Min(Saturating(sourceLength, targetLength), Saturating(sourceLength, (2L * width) + 1));

        private protected override void Enumerate(int sourceLength, int targetLength, Action<int, int> pair)
        {
            for (var i = 0; i < sourceLength; i++)
            {
                var from = Math.Max(0, i - width);
                var to = (int)Math.Min(targetLength - 1L, (long)i + width);
                for (var j = from; j <= to; j++)
                {
                    pair(i, j);
                }
            }
        }
    }

    private sealed class RandomBlockPattern(double p, long seed) : BlockPattern
    {
        internal override bool IsDeterministic => false;

        public override long MaxEdgeCount(long sourceLength, long targetLength) => p == 0 ? 0 : Saturating(sourceLength, targetLength);

        private protected override void Enumerate(int sourceLength, int targetLength, Action<int, int> pair)
        {
            if (p >= 1)
            {
                Full.Enumerate(sourceLength, targetLength, pair);
                return;
            }

            // p is never below 0 here; -0 and underflowed literals (1e-400) equal 0 and draw nothing.
            if (p == 0 || targetLength == 0)
            {
                return;
            }

            // Pairs numbered row by row, k = i·|T| + j; the cost follows the pairs kept, not |S|·|T|.
            var skips = new GeometricSkips(new DeterministicRandom(seed), p);
            var pairs = (long)sourceLength * targetLength;
            for (var k = skips.NextGap(); k < pairs; k += 1 + skips.NextGap())
            {
                pair((int)(k / targetLength), (int)(k % targetLength));
            }
        }
    }

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
