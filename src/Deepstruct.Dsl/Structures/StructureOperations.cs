using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// Combinators on structures: the disjoint union (<c>A + B</c>), stacking (<c>stack(A, B)</c>) and
/// scaling (<c>scale(S, total: N)</c>). Shared by the language and the runtime (LabeledDag.Append,
/// ScalableDan), so both build the same graphs.
/// </summary>
public static class StructureOperations
{
    /// <summary>The disjoint union: <paramref name="left"/>'s vertices first, then <paramref name="right"/>'s shifted by its vertex count.</summary>
    public static Structure DisjointUnion(Structure left, Structure right) => DisjointUnion([left, right]);

    /// <summary>
    /// The disjoint union of all <paramref name="parts"/> in order, each shifted by the vertex count
    /// of those before it; linear in the total size, so a long sum costs no more than its result.
    /// </summary>
    public static Structure DisjointUnion(IReadOnlyList<Structure> parts)
    {
        Guard.NotNull(parts, nameof(parts));
        long vertices = 0;
        long edgeCount = 0;
        foreach (var part in parts)
        {
            Guard.NotNull(part, nameof(parts));
            vertices += part.VertexCount;
            edgeCount += part.EdgeCount;
        }

        var vertexCount = Guard.FitsInt32(vertices, "vertexCount");
        var edges = new EdgeAccumulator(edgeCount);
        var shift = 0;
        foreach (var part in parts)
        {
            foreach (var edge in part.Edges)
            {
                edges.Add(edge.Source + shift, edge.Target + shift);
            }

            shift += part.VertexCount;
        }

        return edges.ToStructure(vertexCount);
    }

    /// <summary>
    /// Where each vertex of <paramref name="upper"/> goes when stacked on <paramref name="lower"/>:
    /// its first layer merges, position by position, into <paramref name="lower"/>'s last layer;
    /// its other vertices follow <paramref name="lower"/>'s, in their own order.
    /// </summary>
    /// <exception cref="ArgumentException">The boundary layers differ in size.</exception>
    public static int[] StackMapping(Structure lower, Structure upper)
    {
        Guard.NotNull(lower, nameof(lower));
        Guard.NotNull(upper, nameof(upper));
        var last = lower.VerticesOf(lower.LayerCount - 1);
        var first = upper.VerticesOf(0);
        if (last.Length != first.Length)
        {
            throw new ArgumentException(
                $"The last layer of the lower structure has {last.Length} vertices but the first layer of the upper one has {first.Length}; stacking needs equal sizes.",
                nameof(upper));
        }

        var mapping = new int[upper.VertexCount];
        for (var i = 0; i < first.Length; i++)
        {
            mapping[first[i]] = last[i];
        }

        var next = lower.VertexCount;
        for (var v = 0; v < upper.VertexCount; v++)
        {
            if (upper.LayerOf(v) != 0)
            {
                mapping[v] = next++;
            }
        }

        return mapping;
    }

    /// <summary>
    /// Stacks <paramref name="upper"/> on <paramref name="lower"/> (see <see cref="StackMapping"/>):
    /// keeps <paramref name="lower"/>'s vertices and appends <paramref name="upper"/>'s other vertices in its order.
    /// </summary>
    /// <exception cref="ArgumentException">The boundary layers differ in size.</exception>
    public static Structure Stack(Structure lower, Structure upper)
    {
        var mapping = StackMapping(lower, upper);
        var vertexCount = Guard.FitsInt32((long)lower.VertexCount + upper.VertexCount - upper.Layers.SizeOf(0), "vertexCount");
        var edges = new EdgeAccumulator((long)lower.EdgeCount + upper.EdgeCount);
        foreach (var edge in lower.Edges)
        {
            edges.Add(edge.Source, edge.Target);
        }

        foreach (var edge in upper.Edges)
        {
            edges.Add(mapping[edge.Source], mapping[edge.Target]);
        }

        return edges.ToStructure(vertexCount);
    }

    /// <summary>
    /// The block size of each vertex when <paramref name="vertexCount"/> vertices share
    /// <paramref name="total"/> neurons: <c>max(1, round(total · share))</c> with rounding half to even
    /// (as numpy does), where the share is <c>1 / vertexCount</c> or the vertex's proportion. A
    /// vertex missing from <paramref name="proportions"/> has share 0 and so a block of one.
    /// </summary>
    public static long[] ScaledBlockSizes(int vertexCount, long total, IReadOnlyDictionary<int, double>? proportions = null)
    {
        Guard.AtLeast(vertexCount, 1, nameof(vertexCount));
        Guard.AtLeast(total, 1, nameof(total));
        var sizes = new long[vertexCount];
        for (var v = 0; v < vertexCount; v++)
        {
            double share;
            if (proportions is null)
            {
                share = 1.0 / vertexCount;
            }
            else if (!proportions.TryGetValue(v, out share))
            {
                share = 0;
            }

            Guard.Probability(share, nameof(proportions));
            var rounded = Math.Round(total * share, MidpointRounding.ToEven);
            sizes[v] = Math.Max(1L, (long)rounded);
        }

        return sizes;
    }

    /// <summary>The number of edges <see cref="Scale(Structure, IReadOnlyList{long})"/> would create, saturating instead of overflowing; computed without building.</summary>
    public static long ScaledEdgeCount(Structure structure, IReadOnlyList<long> blockSizes)
    {
        Guard.NotNull(structure, nameof(structure));
        Guard.NotNull(blockSizes, nameof(blockSizes));
        long count = 0;
        foreach (var edge in structure.Edges)
        {
            var a = blockSizes[edge.Source];
            var b = blockSizes[edge.Target];
            var product = a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
            count = count > long.MaxValue - product ? long.MaxValue : count + product;
        }

        return count;
    }

    /// <summary>
    /// Replaces each vertex <c>v</c> by a block of <c>blockSizes[v]</c> vertices, numbered in vertex
    /// order, and each edge <c>u → v</c> by the complete bipartite connection of their blocks.
    /// </summary>
    /// <exception cref="ArgumentException">A block size is below 1 or the sizes do not match the vertices.</exception>
    public static ScaledStructure Scale(Structure structure, IReadOnlyList<long> blockSizes)
    {
        Guard.NotNull(structure, nameof(structure));
        Guard.NotNull(blockSizes, nameof(blockSizes));
        if (blockSizes.Count != structure.VertexCount)
        {
            throw new ArgumentException($"blockSizes has {blockSizes.Count} entries but the structure has {structure.VertexCount} vertices.", nameof(blockSizes));
        }

        var firsts = new int[structure.VertexCount + 1];
        long next = 0;
        for (var v = 0; v < structure.VertexCount; v++)
        {
            Guard.AtLeast(blockSizes[v], 1, nameof(blockSizes));
            firsts[v] = Guard.FitsInt32(next, "vertexCount");
            next += blockSizes[v];
        }

        firsts[structure.VertexCount] = Guard.FitsInt32(next, "vertexCount");
        var edges = new EdgeAccumulator(ScaledEdgeCount(structure, blockSizes));
        foreach (var edge in structure.Edges)
        {
            BlockPattern.Full.Connect(edges, firsts[edge.Source], firsts[edge.Source + 1] - firsts[edge.Source], firsts[edge.Target], firsts[edge.Target + 1] - firsts[edge.Target]);
        }

        return new ScaledStructure(edges.ToStructure(firsts[structure.VertexCount]), firsts);
    }

    /// <summary>Scales with the block sizes of <see cref="ScaledBlockSizes"/>.</summary>
    public static ScaledStructure Scale(Structure structure, long total, IReadOnlyDictionary<int, double>? proportions = null)
    {
        Guard.NotNull(structure, nameof(structure));
        return Scale(structure, ScaledBlockSizes(structure.VertexCount, total, proportions));
    }
}
