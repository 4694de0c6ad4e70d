using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// An immutable DAG on vertices <c>0..n-1</c> with its layer index: the compact form that the
/// generator embeds and the runtime builds modules from. Create one with
/// <see cref="StructureBuilder"/>, <see cref="Create"/>, <see cref="FromUndirected"/>, a family
/// of <see cref="StructureFamilies"/>, or <see cref="StructureEncoding.Decode"/>.
/// </summary>
public sealed class Structure
{
    internal Structure(Adjacency adjacency, LayerIndex layers)
    {
        Adjacency = adjacency;
        Layers = layers;
    }

    /// <summary>The edges in compressed sparse row form.</summary>
    public Adjacency Adjacency { get; }

    /// <summary>The layer index.</summary>
    public LayerIndex Layers { get; }

    /// <summary>The number of vertices.</summary>
    public int VertexCount => Adjacency.VertexCount;

    /// <summary>The number of distinct edges.</summary>
    public int EdgeCount => Adjacency.EdgeCount;

    /// <summary>The number of layers.</summary>
    public int LayerCount => Layers.LayerCount;

    /// <summary>Every edge, by source ascending, then target ascending.</summary>
    public IEnumerable<Edge> Edges => Adjacency.Edges;

    /// <summary>The successors of <paramref name="vertex"/>, ascending.</summary>
    public ReadOnlySpan<int> Successors(int vertex) => Adjacency.Successors(vertex);

    /// <summary>The predecessors of <paramref name="vertex"/>, ascending.</summary>
    public ReadOnlySpan<int> Predecessors(int vertex) => Adjacency.Predecessors(vertex);

    /// <summary>Whether the edge <paramref name="source"/> → <paramref name="target"/> exists.</summary>
    public bool HasEdge(int source, int target) => Adjacency.HasEdge(source, target);

    /// <summary>The layer of <paramref name="vertex"/>.</summary>
    public int LayerOf(int vertex) => Layers.LayerOf(vertex);

    /// <summary>The vertices of <paramref name="layer"/>, ascending.</summary>
    public ReadOnlySpan<int> VerticesOf(int layer) => Layers.VerticesOf(layer);

    /// <summary>
    /// Builds the DAG on <paramref name="vertexCount"/> vertices with the given edges (duplicates merged).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An edge names an unknown vertex.</exception>
    /// <exception cref="StructureCycleException">The edges form a cycle.</exception>
    /// <exception cref="ArgumentException">An edge is a self-loop.</exception>
    public static Structure Create(int vertexCount, IReadOnlyList<Edge> edges)
    {
        var adjacency = Adjacency.FromEdges(vertexCount, edges);
        return new Structure(adjacency, LayerIndex.Compute(adjacency));
    }

    /// <summary>
    /// Orients an undirected graph from the lower to the higher vertex index (what deepstruct does
    /// to a networkx graph), which always gives a DAG. The direction of each given pair is ignored.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An edge names an unknown vertex.</exception>
    /// <exception cref="ArgumentException">An edge joins a vertex to itself.</exception>
    public static Structure FromUndirected(int vertexCount, IReadOnlyList<Edge> edges)
    {
        Guard.NotNull(edges, nameof(edges));
        var oriented = new Edge[edges.Count];
        for (var i = 0; i < oriented.Length; i++)
        {
            var (u, v) = (edges[i].Source, edges[i].Target);
            oriented[i] = u <= v ? new Edge(u, v) : new Edge(v, u);
        }

        return Create(vertexCount, oriented);
    }

    /// <summary>Builds from oriented edge arrays produced inside the core (families, combinators).</summary>
    internal static Structure FromArrays(int vertexCount, int[] sources, int[] targets, int count)
    {
        var adjacency = Adjacency.FromEdgeArrays(vertexCount, sources, targets, count);
        return new Structure(adjacency, LayerIndex.Compute(adjacency));
    }
}
