using Deepstruct.Graphs;

namespace Deepstruct.Runtime.Tests.Graphs;

public class LabeledDagTests
{
    [Fact]
    public void Vertices_are_numbered_as_added_into_the_given_layers()
    {
        var dag = new LabeledDag();

        Assert.Equal(0, dag.AddVertex());
        Assert.Equal(new[] { 1, 2, 3 }, dag.AddVertices(3, layer: 1));
        Assert.Equal(4, dag.AddVertex(layer: 1));

        Assert.Equal(new[] { 0, 1 }, dag.Layers);
        Assert.Equal(new[] { 1, 2, 3, 4 }, dag.GetVertices(1));
        Assert.Equal(1, dag.GetLayer(3));
        Assert.Equal(2, dag.IndexInLayer(3));
        Assert.Equal(0, dag.EdgeCount);
    }

    [Fact]
    public void Layers_may_skip_numbers()
    {
        var dag = new LabeledDag();
        dag.AddVertex(layer: 3);
        dag.AddVertex(layer: 0);

        Assert.Equal(new[] { 0, 3 }, dag.Layers);
        Assert.Equal(0, dag.FirstLayer);
        Assert.Equal(3, dag.LastLayer);
    }

    [Fact]
    public void Missing_end_points_become_new_vertices_source_in_layer_0_target_one_above()
    {
        var dag = new LabeledDag();

        Assert.Equal((0, 1), dag.AddEdge(17, 99));
        Assert.Equal(0, dag.GetLayer(0));
        Assert.Equal(1, dag.GetLayer(1));

        Assert.Equal((1, 2), dag.AddEdge(1, 5));
        Assert.Equal(2, dag.GetLayer(2));

        Assert.Equal((3, 2), dag.AddEdge(-1, 2));
        Assert.Equal(0, dag.GetLayer(3));
        Assert.Equal(new[] { 0, 1, 2, 3 }, dag.Vertices.Order());
        Assert.True(dag.ContainsEdge(3, 2));
    }

    [Fact]
    public void An_edge_added_twice_is_there_once()
    {
        var dag = new LabeledDag();
        var (source, target) = dag.AddEdge(-1, -1);

        Assert.Equal((source, target), dag.AddEdge(source, target));

        Assert.Equal(1, dag.EdgeCount);
        Assert.Single(dag.OutEdges(source));
    }

    [Fact]
    public void Explicit_layers_for_new_end_points_are_used()
    {
        var dag = new LabeledDag();

        var (source, target) = dag.AddEdge(100, 200, sourceLayer: 2, targetLayer: 5);

        Assert.Equal(2, dag.GetLayer(source));
        Assert.Equal(5, dag.GetLayer(target));
    }

    [Fact]
    public void An_edge_not_going_upwards_is_refused_and_nothing_is_added()
    {
        var dag = new LabeledDag();
        dag.AddVertices(2, layer: 0);
        dag.AddVertex(layer: 1);

        var sideways = Assert.Throws<ArgumentException>(() => dag.AddEdge(0, 1));
        Assert.Equal("target", sideways.ParamName);
        Assert.Contains("layer 0 to layer 0", sideways.Message);
        var downwards = Assert.Throws<ArgumentException>(() => dag.AddEdge(2, 0));
        Assert.Contains("layer 1 to layer 0", downwards.Message);
        var newSource = Assert.Throws<ArgumentException>(() => dag.AddEdge(77, 1));
        Assert.Contains("new vertex -> 1", newSource.Message);
        var explicitLayer = Assert.Throws<ArgumentException>(() => dag.AddEdge(2, 77, targetLayer: 1));
        Assert.Equal("targetLayer", explicitLayer.ParamName);

        Assert.Equal(3, dag.VertexCount);
        Assert.Equal(0, dag.EdgeCount);
    }

    [Fact]
    public void Bad_counts_and_layers_are_refused_naming_them()
    {
        var dag = new LabeledDag();

        var layer = Assert.Throws<ArgumentOutOfRangeException>(() => dag.AddVertex(-2));
        Assert.Equal("layer", layer.ParamName);
        Assert.Equal(-2, layer.ActualValue);
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => dag.AddVertices(0));
        Assert.Equal("count", count.ParamName);
        var sourceLayer = Assert.Throws<ArgumentOutOfRangeException>(() => dag.AddEdge(5, 6, sourceLayer: -1));
        Assert.Equal("sourceLayer", sourceLayer.ParamName);
        Assert.Equal(0, dag.VertexCount);
    }

    [Fact]
    public void Edges_from_a_list_name_new_vertices_consistently()
    {
        var dag = new LabeledDag();

        var added = dag.AddEdgesFrom(new[] { (9, 10), (10, 11), (9, 11) });

        Assert.Equal(new[] { (0, 1), (1, 2), (0, 2) }, added);
        Assert.Equal(new[] { 0, 1, 2 }, dag.Layers);
        Assert.Equal(3, dag.VertexCount);
    }

    [Fact]
    public void Append_stacks_other_on_the_last_layer()
    {
        // This: 0,1 → 2,3 ; other: 0,1 → 2 → 3 (other's first layer merges into this one's last).
        var dag = new LabeledDag();
        dag.AddVertices(2, 0);
        dag.AddVertices(2, 1);
        dag.AddEdge(0, 2);
        dag.AddEdge(1, 3);
        var other = new LabeledDag();
        other.AddVertices(2, 0);
        other.AddVertex(1);
        other.AddVertex(2);
        other.AddEdge(0, 2);
        other.AddEdge(1, 2);
        other.AddEdge(2, 3);
        other.AddEdge(0, 3);

        dag.Append(other);

        Assert.Equal(new[] { 0, 1, 2, 3 }, dag.Layers);
        Assert.Equal(new[] { 4 }, dag.GetVertices(2));
        Assert.Equal(new[] { 5 }, dag.GetVertices(3));
        Assert.Equal(6, dag.VertexCount);
        Assert.True(dag.ContainsEdge(2, 4));
        Assert.True(dag.ContainsEdge(3, 4));
        Assert.True(dag.ContainsEdge(4, 5));
        Assert.True(dag.ContainsEdge(2, 5));
        Assert.Equal(6, dag.EdgeCount);
        // The assigned layers are those the edges give, so a model sees the same layers.
        var structure = dag.ToStructure();
        Assert.Equal(new[] { 2, 2, 1, 1 }, structure.Layers.LayerSizes());
    }

    [Fact]
    public void Append_to_itself_doubles_the_depth()
    {
        var dag = new LabeledDag();
        dag.AddEdge(-1, -2);

        dag.Append(dag);

        Assert.Equal(new[] { 0, 1, 2 }, dag.Layers);
        Assert.True(dag.ContainsEdge(0, 1));
        Assert.True(dag.ContainsEdge(1, 2));
    }

    [Fact]
    public void Append_refuses_mismatched_or_flat_graphs()
    {
        var dag = new LabeledDag();
        dag.AddEdge(-1, -2);
        var wide = new LabeledDag();
        wide.AddVertices(2, 0);
        wide.AddEdge(0, 9);
        var flat = new LabeledDag();
        flat.AddVertex();

        var mismatch = Assert.Throws<ArgumentException>(() => dag.Append(wide));
        Assert.Equal("other", mismatch.ParamName);
        Assert.Contains("2 vertices", mismatch.Message);
        var single = Assert.Throws<ArgumentException>(() => dag.Append(flat));
        Assert.Contains("at least two layers", single.Message);
        Assert.Throws<InvalidOperationException>(() => new LabeledDag().Append(dag));
        Assert.Equal(2, dag.VertexCount);
    }
}
