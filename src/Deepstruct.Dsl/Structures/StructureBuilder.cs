using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// Collects vertices and edges and builds an immutable <see cref="Structure"/>. Edges are checked
/// as they are added (known vertices, no self-loop); acyclicity is checked by <see cref="Build"/>.
/// </summary>
public sealed class StructureBuilder
{
    private readonly EdgeAccumulator _edges;

    /// <summary>Starts a builder with <paramref name="vertexCount"/> vertices and room for <paramref name="edgeCapacity"/> edges.</summary>
    public StructureBuilder(int vertexCount = 0, int edgeCapacity = 16)
    {
        Guard.AtLeast(vertexCount, 0, nameof(vertexCount));
        Guard.AtLeast(edgeCapacity, 0, nameof(edgeCapacity));
        VertexCount = vertexCount;
        _edges = new EdgeAccumulator(edgeCapacity);
    }

    /// <summary>The number of vertices so far.</summary>
    public int VertexCount { get; private set; }

    /// <summary>The number of edges added so far, duplicates included.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>Adds one vertex and returns its index.</summary>
    public int AddVertex() => AddVertices(1);

    /// <summary>Adds <paramref name="count"/> vertices and returns the index of the first.</summary>
    public int AddVertices(int count)
    {
        Guard.AtLeast(count, 0, nameof(count));
        var first = VertexCount;
        VertexCount = Guard.FitsInt32((long)VertexCount + count, "vertexCount");
        return first;
    }

    /// <summary>Adds the edge <paramref name="source"/> → <paramref name="target"/>; a duplicate is merged at build.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either end is not a vertex.</exception>
    /// <exception cref="ArgumentException">The edge is a self-loop.</exception>
    public StructureBuilder AddEdge(int source, int target)
    {
        Guard.Vertex(source, VertexCount, nameof(source));
        Guard.Vertex(target, VertexCount, nameof(target));
        if (source == target)
        {
            throw new ArgumentException($"The edge {source} -> {target} is a self-loop; a structure is acyclic.", nameof(target));
        }

        _edges.Add(source, target);
        return this;
    }

    /// <summary>Adds an undirected edge, oriented from the lower to the higher index.</summary>
    public StructureBuilder AddUndirectedEdge(int u, int v) => u <= v ? AddEdge(u, v) : AddEdge(v, u);

    /// <summary>Builds the structure in O(V + E).</summary>
    /// <exception cref="StructureCycleException">The edges form a cycle; the exception lists it.</exception>
    public Structure Build()
    {
        var adjacency = _edges.ToAdjacency(VertexCount);
        return new Structure(adjacency, LayerIndex.Compute(adjacency));
    }

    /// <summary>Builds the structure, or returns false with a cycle (vertices in edge order).</summary>
    public bool TryBuild(out Structure? structure, out IReadOnlyList<int>? cycle)
    {
        var adjacency = _edges.ToAdjacency(VertexCount);
        if (LayerIndex.TryCompute(adjacency, out var layers, out cycle))
        {
            structure = new Structure(adjacency, layers!);
            return true;
        }

        structure = null;
        return false;
    }
}
