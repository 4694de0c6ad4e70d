using Deepstruct.Graphs;
using Deepstruct.Structures;

namespace Deepstruct.Runtime.Tests.Graphs;

public class CachedLayeredGraphTests
{
    /// <summary>deepstruct's scalable.py example graph: 0,1,2 → 3,4 → 5 → 6,7 with skips.</summary>
    internal static CachedLayeredGraph ScalableExample()
    {
        var graph = new CachedLayeredGraph();
        graph.AddEdgesFrom(new[] { (0, 3), (0, 5), (1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (3, 5), (3, 6), (4, 5), (4, 7), (5, 7) });
        return graph;
    }

    [Fact]
    public void Layers_follow_deepstructs_definition()
    {
        var graph = ScalableExample();

        Assert.Equal(new[] { 0, 1, 2, 3 }, graph.Layers);
        Assert.Equal(4, graph.NumLayers);
        Assert.Equal(new[] { 0, 1, 2 }, graph.GetVertices(0));
        Assert.Equal(new[] { 3, 4 }, graph.GetVertices(1));
        Assert.Equal(new[] { 5, 6 }, graph.GetVertices(2));
        Assert.Equal(new[] { 7 }, graph.GetVertices(3));
        Assert.Equal(2, graph.GetLayer(5));
        Assert.Equal(3, graph.FirstLayerSize);
        Assert.Equal(1, graph.LastLayerSize);
        Assert.Equal(0, graph.FirstLayer);
        Assert.Equal(3, graph.LastLayer);
        Assert.Equal(2, graph.GetLayerSize(2));
    }

    [Fact]
    public void Layer_connections_count_edges_from_the_lower_to_the_higher_layer()
    {
        var graph = ScalableExample();

        Assert.Equal(5, graph.LayerConnectionSize(0, 1));
        Assert.Equal(5, graph.LayerConnectionSize(1, 0));
        Assert.Equal(2, graph.LayerConnectionSize(0, 2));
        Assert.Equal(0, graph.LayerConnectionSize(0, 3));
        Assert.True(graph.LayerConnected(1, 3));
        Assert.False(graph.LayerConnected(3, 0));
    }

    [Fact]
    public void Same_layer_connection_is_refused_naming_the_layer()
    {
        var graph = ScalableExample();

        var error = Assert.Throws<ArgumentException>(() => graph.LayerConnected(1, 1));
        Assert.Equal("layer2", error.ParamName);
        Assert.Contains("1", error.Message);
        Assert.Throws<ArgumentException>(() => graph.LayerConnectionSize(2, 2));
    }

    [Fact]
    public void Unknown_vertex_or_layer_is_refused_naming_it()
    {
        var graph = ScalableExample();

        var vertex = Assert.Throws<ArgumentOutOfRangeException>(() => graph.GetLayer(42));
        Assert.Equal("vertex", vertex.ParamName);
        Assert.Equal(42, vertex.ActualValue);
        var layer = Assert.Throws<ArgumentOutOfRangeException>(() => graph.GetVertices(9));
        Assert.Equal("layer", layer.ParamName);
        Assert.Contains("9", layer.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.LayerConnectionSize(0, 9));
    }

    [Fact]
    public void The_layer_index_is_recomputed_after_every_kind_of_change()
    {
        var graph = new CachedLayeredGraph();
        graph.AddNodesFrom(Enumerable.Range(0, 3));
        Assert.Equal(1, graph.NumLayers);

        graph.AddEdge(0, 1);
        Assert.Equal(new[] { 0, 2 }, graph.GetVertices(0));
        Assert.Equal(1, graph.GetLayer(1));

        graph.AddEdge(1, 2);
        Assert.Equal(2, graph.GetLayer(2));

        graph.AddNode(7);
        Assert.Equal(new[] { 0, 7 }, graph.GetVertices(0));

        Assert.True(graph.RemoveEdge(0, 1));
        Assert.Equal(new[] { 0, 1, 7 }, graph.GetVertices(0));
        Assert.False(graph.RemoveEdge(0, 1));

        Assert.True(graph.RemoveNode(1));
        Assert.Equal(new[] { 0, 2, 7 }, graph.GetVertices(0));
        Assert.Equal(1, graph.NumLayers);
    }

    [Fact]
    public void Adding_what_is_there_changes_nothing()
    {
        var graph = ScalableExample();
        graph.AddNode(3);
        graph.AddEdge(0, 3);

        Assert.Equal(8, graph.VertexCount);
        Assert.Equal(12, graph.EdgeCount);
    }

    [Fact]
    public void Vertices_with_any_numbers_ascend_within_their_layer()
    {
        var graph = new CachedLayeredGraph();
        graph.AddEdge(50, -3);
        graph.AddEdge(10, -3);
        graph.AddNode(7);

        Assert.Equal(new[] { 7, 10, 50 }, graph.GetVertices(0));
        Assert.Equal(new[] { -3 }, graph.GetVertices(1));
        var structure = graph.ToStructure();
        // Renumbered ascending: -3 → 0, 7 → 1, 10 → 2, 50 → 3.
        Assert.Equal(new[] { new Edge(2, 0), new Edge(3, 0) }, structure.Edges);
    }

    [Fact]
    public void A_self_loop_is_refused_at_once()
    {
        var graph = new CachedLayeredGraph();

        var error = Assert.Throws<ArgumentException>(() => graph.AddEdge(4, 4));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("4 -> 4", error.Message);
        Assert.Equal(0, graph.VertexCount);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_vertices_when_layers_are_needed()
    {
        var graph = new CachedLayeredGraph();
        graph.AddEdgesFrom(new[] { (10, 20), (20, 30), (30, 10), (1, 10) });

        var error = Assert.Throws<StructureCycleException>(() => graph.Layers);
        Assert.Equal(new[] { 10, 20, 30 }, error.Cycle);
        Assert.Contains("10 -> 20 -> 30 -> 10", error.Message);
    }

    [Fact]
    public void An_empty_graph_has_no_layers()
    {
        var graph = new CachedLayeredGraph();

        Assert.Empty(graph.Layers);
        Assert.Equal(0, graph.NumLayers);
        Assert.Throws<InvalidOperationException>(() => graph.FirstLayerSize);
        Assert.Throws<InvalidOperationException>(() => graph.LastLayer);
    }

    [Fact]
    public void Structure_round_trip_keeps_vertices_edges_and_layers()
    {
        var structure = StructureFamilies.WattsStrogatz(60, 4, 0.5, seed: 3);
        var graph = LayeredGraph.FromStructure(structure);

        Assert.Same(structure, graph.ToStructure());
        Assert.Equal(structure.EdgeCount, graph.EdgeCount);
        Assert.All(structure.Edges, e => Assert.True(graph.ContainsEdge(e.Source, e.Target)));
        for (var layer = 0; layer < structure.LayerCount; layer++)
        {
            Assert.Equal(structure.VerticesOf(layer).ToArray(), graph.GetVertices(layer));
        }

        var absent = Enumerable.Range(1, 59).First(v => !structure.HasEdge(0, v));
        graph.AddEdge(0, absent);
        var changed = graph.ToStructure();
        Assert.NotSame(structure, changed);
        Assert.True(changed.HasEdge(0, absent));
    }

    [Fact]
    public void It_is_a_QuikGraph_bidirectional_graph()
    {
        QuikGraph.IBidirectionalGraph<int, QuikGraph.SEquatableEdge<int>> graph = ScalableExample();

        Assert.True(graph.IsDirected);
        Assert.Equal(new[] { 3, 5 }, graph.OutEdges(0).Select(e => e.Target).Order());
        Assert.Equal(new[] { 0, 1, 2 }, graph.InEdges(3).Select(e => e.Source).Order());
        Assert.True(graph.TryGetEdge(4, 7, out _));
        Assert.Equal(4, graph.InDegree(5));
        var order = QuikGraph.Algorithms.AlgorithmExtensions.TopologicalSort(graph).ToList();
        Assert.True(order.IndexOf(3) < order.IndexOf(7));
    }
}
