using System;
using System.Collections.Generic;
using System.Globalization;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Graphs;

public abstract partial class LayeredGraph
{
    /// <summary>The layered graph of a core <see cref="Structure"/> (its layer index is reused, not recomputed).</summary>
    public static CachedLayeredGraph FromStructure(Structure structure) => CachedLayeredGraph.Create(structure);

    /// <summary>
    /// Any QuikGraph graph as a layered graph (deepstruct's <c>load_from</c> and the documentation's
    /// <c>get_clean_dag</c>): vertices are renumbered <c>0..n-1</c> in the order the graph enumerates
    /// them (insertion order for QuikGraph's graphs); an undirected graph's edges are oriented from the
    /// lower to the higher number, so it is always acyclic; a directed graph keeps its directions.
    /// O(V + E).
    /// </summary>
    /// <exception cref="ArgumentException">The graph has a self-loop, or (directed) a cycle (a <see cref="StructureCycleException"/> naming it in the new numbers).</exception>
    public static CachedLayeredGraph LoadFrom<TVertex, TEdge>(IEdgeListGraph<TVertex, TEdge> graph)
        where TVertex : notnull
        where TEdge : IEdge<TVertex>
    {
        ArgumentNullException.ThrowIfNull(graph);
        var numberOf = new Dictionary<TVertex, int>(graph.VertexCount);
        foreach (var vertex in graph.Vertices)
        {
            numberOf.Add(vertex, numberOf.Count);
        }

        var builder = new StructureBuilder(numberOf.Count, graph.EdgeCount);
        foreach (var edge in graph.Edges)
        {
            var source = NumberOf(numberOf, edge.Source, nameof(graph));
            var target = NumberOf(numberOf, edge.Target, nameof(graph));
            if (source == target)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The graph has a self-loop at vertex {0} (number {1}); a layered graph is acyclic.", edge.Source, source),
                    nameof(graph));
            }

            if (graph.IsDirected)
            {
                builder.AddEdge(source, target);
            }
            else
            {
                builder.AddUndirectedEdge(source, target);
            }
        }

        return CachedLayeredGraph.Create(builder.Build());
    }

    private static int NumberOf<TVertex>(Dictionary<TVertex, int> numberOf, TVertex vertex, string parameterName)
        where TVertex : notnull
    {
        if (!numberOf.TryGetValue(vertex, out var number))
        {
            throw new ArgumentException($"The graph has an edge at {vertex}, which is not among its vertices.", parameterName);
        }

        return number;
    }
}
