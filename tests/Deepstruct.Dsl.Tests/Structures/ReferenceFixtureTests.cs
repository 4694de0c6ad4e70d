using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class ReferenceFixtureTests
{
    public static IEnumerable<object[]> Fixtures => ReferenceFixture.Names();

    [Fact]
    public void All_seven_reference_fixtures_are_present()
    {
        Assert.Equal(7, Fixtures.Count());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Layer_index_equals_the_reference(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        Assert.Equal(Enumerable.Range(0, fixture.Vertices.Length), fixture.Vertices);
        var structure = fixture.ToStructure();

        Assert.Equal(fixture.Layers.Count, structure.LayerCount);
        foreach (var (layer, vertices) in fixture.Layers)
        {
            Assert.Equal(vertices, structure.VerticesOf(layer).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Wiring_plan_equals_the_reference(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        var structure = fixture.ToStructure();
        var plan = DanWiringPlan.Create(structure, fixture.DanInput, fixture.DanOutput);

        Assert.Equal(fixture.First, new[] { plan.InputMap.InFeatures, plan.InputMap.OutFeatures });
        Assert.Equal(fixture.Out, new[] { plan.OutputMap.InFeatures, plan.OutputMap.OutFeatures });
        AssertMapsEqual(structure, fixture.Main, plan.MainMaps);
        AssertMapsEqual(structure, fixture.Skip, plan.SkipMaps);
    }

    [Theory]
    [InlineData("balanced_tree_r2_h3")]
    [InlineData("grid_2d_3x30")]
    [InlineData("path_10")]
    [InlineData("complete_6")]
    public void Deterministic_families_reproduce_the_reference_vertex_for_vertex(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        var family = name switch
        {
            "balanced_tree_r2_h3" => StructureFamilies.BalancedTree(2, 3),
            "grid_2d_3x30" => StructureFamilies.Grid2D(3, 30),
            "path_10" => StructureFamilies.Path(10),
            _ => StructureFamilies.Complete(6),
        };

        Assert.Equal(fixture.Vertices.Length, family.VertexCount);
        Assert.Equal(fixture.Edges.ToHashSet(), family.Edges.ToHashSet());
        Assert.Equal(fixture.Edges.Length, family.EdgeCount);
    }

    private static void AssertMapsEqual(Structure structure, IReadOnlyList<ReferenceMap> expected, IReadOnlyList<LayerMap> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var map = actual[i];
            Assert.Equal(expected[i].SourceLayer, map.SourceLayer);
            Assert.Equal(expected[i].TargetLayer, map.TargetLayer);
            Assert.Equal(expected[i].Shape, new[] { map.OutFeatures, map.InFeatures });
            var sources = structure.VerticesOf(map.SourceLayer).ToArray();
            var targets = structure.VerticesOf(map.TargetLayer).ToArray();
            var pairs = new HashSet<Edge>();
            for (var c = 0; c < map.Rows.Length; c++)
            {
                Assert.True(pairs.Add(new Edge(sources[map.Columns[c]], targets[map.Rows[c]])), "a pair is listed twice");
            }

            Assert.Equal(expected[i].Edges.ToHashSet(), pairs);
            Assert.Equal(expected[i].Edges.Length, map.ConnectionCount);
        }
    }
}
