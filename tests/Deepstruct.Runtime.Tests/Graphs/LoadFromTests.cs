using Deepstruct.Graphs;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Runtime.Tests.Graphs;

public class LoadFromTests
{
    [Fact]
    public void Undirected_graphs_are_oriented_from_the_lower_to_the_higher_number()
    {
        var graph = new UndirectedGraph<string, TaggedUndirectedEdge<string, int>>();
        graph.AddVertexRange(new[] { "c", "a", "b" });
        graph.AddEdge(new TaggedUndirectedEdge<string, int>("a", "b", 0));
        graph.AddEdge(new TaggedUndirectedEdge<string, int>("b", "c", 0));

        var layered = LayeredGraph.LoadFrom(graph);

        // Numbered by order: c = 0, a = 1, b = 2; edges a–b → 1 → 2, b–c → 0 → 2.
        Assert.Equal(new[] { (0, 2), (1, 2) }, layered.Edges.Select(e => (e.Source, e.Target)).Order());
        Assert.Equal(new[] { 0, 1 }, layered.GetVertices(0));
        Assert.Equal(new[] { 2 }, layered.GetVertices(1));
    }

    [Fact]
    public void Directed_graphs_keep_their_directions_and_are_relabelled_by_order()
    {
        var graph = new AdjacencyGraph<int, Edge<int>>();
        graph.AddVertexRange(new[] { 30, 10, 20 });
        graph.AddEdge(new Edge<int>(30, 10));
        graph.AddEdge(new Edge<int>(20, 10));

        var layered = LayeredGraph.LoadFrom(graph);

        Assert.Equal(new[] { (0, 1), (2, 1) }, layered.Edges.Select(e => (e.Source, e.Target)).Order());
        Assert.Equal(new[] { 0, 2 }, layered.GetVertices(0));
    }

    [Fact]
    public void A_directed_cycle_is_refused_naming_it_in_the_new_numbers()
    {
        var graph = new AdjacencyGraph<char, Edge<char>>();
        graph.AddVerticesAndEdge(new Edge<char>('x', 'y'));
        graph.AddVerticesAndEdge(new Edge<char>('y', 'x'));

        var error = Assert.Throws<StructureCycleException>(() => LayeredGraph.LoadFrom(graph));
        Assert.Equal(new[] { 0, 1 }, error.Cycle);
    }

    [Fact]
    public void A_self_loop_is_refused_naming_the_graph_and_vertex()
    {
        var graph = new UndirectedGraph<int, SUndirectedEdge<int>>();
        graph.AddVerticesAndEdge(new SUndirectedEdge<int>(5, 5));

        var error = Assert.Throws<ArgumentException>(() => LayeredGraph.LoadFrom(graph));
        Assert.Equal("graph", error.ParamName);
        Assert.Contains("self-loop at vertex 5", error.Message);
    }

    [Fact]
    public void Loading_a_layered_graph_relabels_it_by_its_vertex_order()
    {
        var original = new CachedLayeredGraph();
        original.AddEdge(7, 3);

        var loaded = LayeredGraph.LoadFrom(original);

        Assert.Equal(new[] { 0, 1 }, loaded.Vertices);
        Assert.True(loaded.ContainsEdge(0, 1));
    }

    [Fact]
    public void Empty_graphs_load_as_empty()
    {
        var loaded = LayeredGraph.LoadFrom(new BidirectionalGraph<int, Edge<int>>());

        Assert.Equal(0, loaded.VertexCount);
        Assert.Equal(0, loaded.NumLayers);
    }
}
