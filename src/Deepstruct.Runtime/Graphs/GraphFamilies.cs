using System;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Graphs;

/// <summary>
/// networkx's graph generators as QuikGraph graphs, built by the structure core's
/// <see cref="StructureFamilies"/> (one implementation for build time and run time). Undirected
/// families return undirected graphs, as networkx does; <see cref="LayeredGraph.LoadFrom"/> orients
/// them from the lower to the higher vertex. Vertices are <c>0..n-1</c>, added in order, numbered as
/// networkx numbers them (grid vertex <c>(i, j)</c> is <c>i·n + j</c>). Random families draw from
/// the core's <see cref="DeterministicRandom"/>: a seed gives the same graph everywhere, but not
/// networkx's graph for that seed. Bad arguments raise an <see cref="ArgumentException"/> naming them
/// before anything is built.
/// </summary>
public static class GraphFamilies
{
    /// <summary>networkx's <c>balanced_tree(r, h)</c>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> BalancedTree(int r, int h) => Undirected(StructureFamilies.BalancedTree(r, h));

    /// <summary>networkx's <c>grid_2d_graph(m, n)</c> (not periodic), vertex <c>(i, j)</c> numbered <c>i·n + j</c>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> Grid2D(int m, int n) => Undirected(StructureFamilies.Grid2D(m, n));

    /// <summary>networkx's <c>path_graph(n)</c>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> Path(int n) => Undirected(StructureFamilies.Path(n));

    /// <summary>networkx's <c>complete_graph(n)</c>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> Complete(int n) => Undirected(StructureFamilies.Complete(n));

    /// <summary>networkx's <c>star_graph(n)</c>: <paramref name="n"/> + 1 vertices, the centre 0.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> Star(int n) => Undirected(StructureFamilies.Star(n));

    /// <summary>The Watts–Strogatz small world of <see cref="StructureFamilies.WattsStrogatz"/>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> WattsStrogatz(int n, int k, double p, long seed) =>
        Undirected(StructureFamilies.WattsStrogatz(n, k, p, seed));

    /// <summary>The Newman–Watts–Strogatz small world of <see cref="StructureFamilies.NewmanWattsStrogatz"/>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> NewmanWattsStrogatz(int n, int k, double p, long seed) =>
        Undirected(StructureFamilies.NewmanWattsStrogatz(n, k, p, seed));

    /// <summary>The Erdős–Rényi G(n, p) graph of <see cref="StructureFamilies.ErdosRenyi"/>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> ErdosRenyi(int n, double p, long seed) => Undirected(StructureFamilies.ErdosRenyi(n, p, seed));

    /// <summary>The Barabási–Albert graph of <see cref="StructureFamilies.BarabasiAlbert"/>.</summary>
    public static UndirectedGraph<int, SUndirectedEdge<int>> BarabasiAlbert(int n, int m, long seed) => Undirected(StructureFamilies.BarabasiAlbert(n, m, seed));

    /// <summary>A random DAG (<see cref="StructureFamilies.RandomDag"/>): each pair <c>i &lt; j</c> an edge <c>i → j</c> with probability <paramref name="p"/>.</summary>
    public static BidirectionalGraph<int, SEquatableEdge<int>> RandomDag(int n, double p, long seed)
    {
        var structure = StructureFamilies.RandomDag(n, p, seed);
        var graph = new BidirectionalGraph<int, SEquatableEdge<int>>(allowParallelEdges: false, structure.VertexCount);
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            graph.AddVertex(vertex);
        }

        foreach (var edge in structure.Edges)
        {
            graph.AddEdge(new SEquatableEdge<int>(edge.Source, edge.Target));
        }

        return graph;
    }

    // The core orients every undirected family from the lower to the higher vertex, which is the
    // order SUndirectedEdge requires of its ends.
    private static UndirectedGraph<int, SUndirectedEdge<int>> Undirected(Structure structure)
    {
        var graph = new UndirectedGraph<int, SUndirectedEdge<int>>(allowParallelEdges: false);
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            graph.AddVertex(vertex);
        }

        foreach (var edge in structure.Edges)
        {
            graph.AddEdge(new SUndirectedEdge<int>(edge.Source, edge.Target));
        }

        return graph;
    }
}
