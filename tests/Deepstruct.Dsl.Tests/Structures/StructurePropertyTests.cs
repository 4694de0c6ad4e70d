using CsCheck;
using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class StructurePropertyTests
{
    [Fact]
    public void Every_edge_goes_to_a_higher_layer()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var s = Structure.Create(g.VertexCount, g.Edges);
            Assert.All(s.Edges, e => Assert.True(s.LayerOf(e.Target) > s.LayerOf(e.Source), $"{e} does not rise"));
        }, iter: 2000);
    }

    [Fact]
    public void Every_vertex_above_layer_zero_has_a_predecessor_one_layer_below()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var s = Structure.Create(g.VertexCount, g.Edges);
            for (var v = 0; v < s.VertexCount; v++)
            {
                var layer = s.LayerOf(v);
                var predecessorLayers = s.Predecessors(v).ToArray().Select(s.LayerOf).ToArray();
                if (layer == 0)
                {
                    Assert.Empty(predecessorLayers);
                }
                else
                {
                    Assert.Contains(layer - 1, predecessorLayers);
                }
            }
        }, iter: 2000);
    }

    [Fact]
    public void Layer_index_equals_the_definition_and_layers_ascend()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var s = Structure.Create(g.VertexCount, g.Edges);
            Assert.Equal(RandomGraphs.ReferenceLayers(g.VertexCount, g.Edges), s.Layers.LayerOfVertex.ToArray());
            for (var layer = 0; layer < s.LayerCount; layer++)
            {
                var vertices = s.VerticesOf(layer).ToArray();
                Assert.NotEmpty(vertices);
                Assert.Equal(vertices.OrderBy(v => v), vertices);
                Assert.All(vertices, v => Assert.Equal(Array.IndexOf(vertices, v), s.Layers.IndexInLayer(v)));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Encode_then_decode_is_the_identity()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var s = Structure.Create(g.VertexCount, g.Edges);
            var decoded = StructureEncoding.Decode(StructureEncoding.Encode(s));
            Assert.Equal(s.VertexCount, decoded.VertexCount);
            Assert.Equal(s.Edges, decoded.Edges);
            Assert.Equal(s.Layers.LayerOfVertex.ToArray(), decoded.Layers.LayerOfVertex.ToArray());
            Assert.Equal(s.Layers.LayerSizes(), decoded.Layers.LayerSizes());
        }, iter: 2000);
    }

    [Fact]
    public void A_planted_cycle_is_rejected_with_a_path_that_really_is_a_cycle()
    {
        RandomGraphs.WithPlantedCycle.Sample(g =>
        {
            var exception = Assert.Throws<StructureCycleException>(() => Structure.Create(g.VertexCount, g.Edges));
            AssertIsCycle(g.Edges, exception.Cycle);
            Assert.Contains(StructureCycleException.FormatCycle(exception.Cycle), exception.Message);
        }, iter: 2000);
    }

    [Fact]
    public void Build_succeeds_exactly_when_the_graph_is_acyclic()
    {
        RandomGraphs.Any.Sample(g =>
        {
            var builder = new StructureBuilder(g.VertexCount);
            foreach (var edge in g.Edges)
            {
                builder.AddEdge(edge.Source, edge.Target);
            }

            var built = builder.TryBuild(out var structure, out var cycle);
            Assert.Equal(!RandomGraphs.HasCycle(g.VertexCount, g.Edges), built);
            if (built)
            {
                Assert.Equal(g.Edges.Distinct().Count(), structure!.EdgeCount);
            }
            else
            {
                AssertIsCycle(g.Edges, cycle!);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Wiring_plan_places_every_edge_in_exactly_one_masked_map()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var s = Structure.Create(g.VertexCount, g.Edges);
            var plan = DanWiringPlan.Create(s, 3, 2);
            Assert.Equal(Math.Max(0, s.LayerCount - 1), plan.MainMaps.Count);
            Assert.Equal(plan.MainMaps.Count + plan.SkipMaps.Count, DanWiringPlan.CountMaps(s));
            Assert.Equal(
                plan.SkipMaps.Select(m => (m.SourceLayer, m.TargetLayer)).Distinct().Count(),
                plan.SkipMaps.Count);
            Assert.Equal(s.EdgeCount, plan.MainMaps.Concat(plan.SkipMaps).Sum(m => m.ConnectionCount));
            Assert.All(plan.SkipMaps, m => Assert.True(m.SourceLayer < m.TargetLayer - 1 && m.ConnectionCount > 0));
            Assert.Equal(
                plan.SkipMaps.OrderBy(m => m.TargetLayer).ThenBy(m => m.SourceLayer).Select(m => (m.SourceLayer, m.TargetLayer)),
                plan.SkipMaps.Select(m => (m.SourceLayer, m.TargetLayer)));

            // Every row of a main map has a connection: each vertex of layer k has a predecessor in layer k-1.
            Assert.All(plan.MainMaps, m => Assert.Equal(m.OutFeatures, m.Rows.ToArray().Distinct().Count()));
        }, iter: 1000);
    }

    private static void AssertIsCycle(IEnumerable<Edge> edges, IReadOnlyList<int> cycle)
    {
        var edgeSet = edges.ToHashSet();
        Assert.NotEmpty(cycle);
        Assert.Equal(cycle.Count, cycle.Distinct().Count());
        for (var i = 0; i < cycle.Count; i++)
        {
            Assert.Contains(new Edge(cycle[i], cycle[(i + 1) % cycle.Count]), edgeSet);
        }
    }
}
