using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class StructureBuilderTests
{
    [Fact]
    public void Duplicate_edges_are_merged_and_rows_ascend()
    {
        var s = new StructureBuilder(4).AddEdge(0, 3).AddEdge(0, 1).AddEdge(0, 3).AddEdge(1, 3).AddEdge(2, 3).Build();
        Assert.Equal(4, s.EdgeCount);
        Assert.Equal(new[] { 1, 3 }, s.Successors(0).ToArray());
        Assert.Equal(new[] { 0, 1, 2 }, s.Predecessors(3).ToArray());
        Assert.True(s.HasEdge(2, 3));
        Assert.False(s.HasEdge(3, 2));
        Assert.Equal(new[] { 2, 1, 1 }, s.Layers.LayerSizes());
    }

    [Fact]
    public void Undirected_edges_are_oriented_from_lower_to_higher_index()
    {
        var s = Structure.FromUndirected(3, new[] { new Edge(2, 0), new Edge(1, 2), new Edge(1, 0) });
        Assert.Equal(new[] { new Edge(0, 1), new Edge(0, 2), new Edge(1, 2) }, s.Edges);
        var viaBuilder = new StructureBuilder(3).AddUndirectedEdge(2, 0).Build();
        Assert.Equal(new[] { new Edge(0, 2) }, viaBuilder.Edges);
    }

    [Fact]
    public void Isolated_vertices_sit_in_layer_zero()
    {
        var s = new StructureBuilder(20).Build();
        Assert.Equal(1, s.LayerCount);
        Assert.Equal(20, s.VerticesOf(0).Length);
        var plan = DanWiringPlan.Create(s, 5, 2);
        Assert.Empty(plan.MainMaps);
        Assert.Equal((20, 5), (plan.InputMap.OutFeatures, plan.InputMap.InFeatures));
        Assert.Equal((2, 20), (plan.OutputMap.OutFeatures, plan.OutputMap.InFeatures));
    }

    [Fact]
    public void An_unknown_vertex_is_refused_with_its_name_and_value()
    {
        var builder = new StructureBuilder(3);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddEdge(0, 7));
        Assert.Equal("target", exception.ParamName);
        Assert.Contains("7", exception.Message);
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddEdge(-1, 2));
        Assert.Equal("source", exception.ParamName);
        Assert.Contains("-1", exception.Message);
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Structure.Create(2, new[] { new Edge(0, 5) }));
        Assert.Equal("edges", exception.ParamName);
        Assert.Contains("5", exception.Message);
    }

    [Fact]
    public void A_self_loop_is_refused_with_its_vertex()
    {
        var exception = Assert.Throws<ArgumentException>(() => new StructureBuilder(3).AddEdge(1, 1));
        Assert.Equal("target", exception.ParamName);
        Assert.Contains("1 -> 1", exception.Message);
        exception = Assert.Throws<ArgumentException>(() => Structure.Create(3, new[] { new Edge(2, 2) }));
        Assert.Equal("edges", exception.ParamName);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Equal("vertexCount", Assert.Throws<ArgumentOutOfRangeException>(() => new StructureBuilder(-3)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new StructureBuilder().AddVertices(-1)).ParamName);
    }

    [Fact]
    public void A_cycle_message_lists_the_cycle_in_edge_order()
    {
        var exception = Assert.Throws<StructureCycleException>(() =>
            new StructureBuilder(4).AddEdge(3, 0).AddEdge(0, 1).AddEdge(1, 2).AddEdge(2, 0).Build());
        Assert.Equal(new[] { 0, 1, 2 }, exception.Cycle);
        Assert.Contains("0 -> 1 -> 2 -> 0", exception.Message);
        Assert.Equal("edges", exception.ParamName);
    }

    [Fact]
    public void Wiring_plan_refuses_bad_sizes()
    {
        var s = StructureFamilies.Path(3);
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => DanWiringPlan.Create(s, 0, 2)).ParamName);
        Assert.Equal("outputSize", Assert.Throws<ArgumentOutOfRangeException>(() => DanWiringPlan.Create(s, 3, -1)).ParamName);
        Assert.Equal("structure", Assert.Throws<ArgumentOutOfRangeException>(() => DanWiringPlan.Create(new StructureBuilder().Build(), 3, 1)).ParamName);
    }

    [Fact]
    public void Masks_are_row_major_with_rows_for_targets()
    {
        var plan = DanWiringPlan.Create(Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 3), new Edge(0, 3) }), 2, 1);
        var main = Assert.Single(plan.MainMaps);
        Assert.Equal(new[] { true, false, true, true }, main.ToMask());
        Assert.All(plan.InputMap.ToMask(), Assert.True);
    }
}
