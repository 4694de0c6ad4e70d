using System;
using System.Collections.Generic;
using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// Scaling a structure into blocks, until the structure core's StructureOperations.Scale is merged:
/// the same rules (block of <c>max(1, round_half_even(total · share))</c>, blocks numbered in vertex
/// order, an edge becomes the complete connection of its two blocks).
/// </summary>
internal static class BlockScaling
{
    public static long[] BlockSizes(int vertexCount, long total, double[] shares)
    {
        var sizes = new long[vertexCount];
        for (var v = 0; v < vertexCount; v++)
        {
            sizes[v] = Math.Max(1L, (long)Math.Round(total * shares[v], MidpointRounding.ToEven));
        }

        return sizes;
    }

    public static Structure Scale(Structure structure, IReadOnlyList<long> sizes, out int[] blockStarts)
    {
        blockStarts = new int[structure.VertexCount + 1];
        long next = 0;
        long edges = 0;
        for (var v = 0; v < structure.VertexCount; v++)
        {
            blockStarts[v] = checked((int)next);
            next += sizes[v];
        }

        blockStarts[structure.VertexCount] = next <= int.MaxValue
            ? (int)next
            : throw new ArgumentOutOfRangeException(nameof(sizes), next, $"The grown graph would have {next} vertices, more than {int.MaxValue}.");
        foreach (var edge in structure.Edges)
        {
            edges += sizes[edge.Source] * sizes[edge.Target];
        }

        var builder = new StructureBuilder((int)next, (int)Math.Min(edges, int.MaxValue));
        foreach (var edge in structure.Edges)
        {
            for (var s = blockStarts[edge.Source]; s < blockStarts[edge.Source + 1]; s++)
            {
                for (var t = blockStarts[edge.Target]; t < blockStarts[edge.Target + 1]; t++)
                {
                    builder.AddEdge(s, t);
                }
            }
        }

        return builder.Build();
    }
}
