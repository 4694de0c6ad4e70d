using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class EdgeDanLayoutTests
{
    public static TheoryData<string> Structures() => new() { "skips", "one-layer", "ws100", "dag200", "star", "edgeless-rows" };

    // Layers: {0,1,2} → {3,4} → {5} → {6,7}; skips 0→5, 1→6, 2→7 (a layer of one vertex; a skip map 0→2 with one edge).
    internal static Structure Named(string name) => name switch
    {
        "skips" => new StructureBuilder(8).AddEdge(0, 3).AddEdge(1, 3).AddEdge(2, 4).AddEdge(3, 5).AddEdge(4, 5)
            .AddEdge(5, 6).AddEdge(5, 7).AddEdge(0, 5).AddEdge(1, 6).AddEdge(2, 7).Build(),
        "one-layer" => new StructureBuilder(3).Build(),
        "ws100" => StructureFamilies.WattsStrogatz(100, 4, 0.5, 1),
        "dag200" => StructureFamilies.RandomDag(200, 0.05, 1),
        "star" => StructureFamilies.Star(6),
        // Layer 2 has 3 vertices, only one of which gets a skip edge from layer 0: two edgeless rows.
        "edgeless-rows" => new StructureBuilder(7).AddEdge(0, 2).AddEdge(1, 2).AddEdge(2, 3).AddEdge(2, 4).AddEdge(2, 5)
            .AddEdge(0, 4).AddEdge(3, 6).Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown structure"),
    };

    [Theory]
    [MemberData(nameof(Structures))]
    public void Counts_agree_with_the_plan(string name)
    {
        var plan = DanWiringPlan.Create(Named(name), 5, 3);
        var layout = EdgeDanLayout.Create(plan);

        Assert.Equal(plan.Structure.EdgeCount, layout.EdgeCount);
        Assert.Equal(plan.Structure.VertexCount, layout.VertexCount);
        var mainRows = plan.MainMaps.Sum(m => m.OutFeatures);
        var skipRows = plan.SkipMaps.Sum(m => m.OutFeatures);
        Assert.Equal(mainRows + skipRows, layout.SegmentCount + layout.EdgelessRowCount);
        Assert.Equal(mainRows, layout.SegmentIsMain.Count(m => m));
        Assert.Equal(layout.EdgeCount, layout.EdgeStart[^1]);
        Assert.Equal(layout.SegmentCount, layout.SegmentStart[^1]);
        Assert.Equal(layout.EdgelessRowCount, layout.EdgelessStart[^1]);
        for (var k = 0; k < layout.LayerCount; k++)
        {
            Assert.Equal(plan.Structure.Layers.SizeOf(k), layout.VertexStart[k + 1] - layout.VertexStart[k]);
            var into = plan.MainMaps.Concat(plan.SkipMaps).Where(m => m.TargetLayer == k).ToArray();
            Assert.Equal(into.Sum(m => m.ConnectionCount), layout.EdgeStart[k + 1] - layout.EdgeStart[k]);
        }
    }

    [Theory]
    [MemberData(nameof(Structures))]
    public void Every_connection_of_every_map_appears_exactly_once(string name)
    {
        var plan = DanWiringPlan.Create(Named(name), 5, 3);
        var layout = EdgeDanLayout.Create(plan);
        var seen = new int[layout.EdgeCount];
        var seenSegments = new int[layout.SegmentCount];
        var seenEdgeless = new int[layout.EdgelessRowCount];
        foreach (var slice in layout.MainMaps.Concat(layout.SkipMaps))
        {
            var map = slice.Map;
            var sourceStart = layout.VertexStart[map.SourceLayer];
            var targetStart = layout.VertexStart[map.TargetLayer];
            for (var i = 0; i < slice.EdgeCount; i++)
            {
                var e = slice.EdgeStart + i;
                seen[e]++;
                Assert.Equal(sourceStart + slice.Columns[i], layout.EdgeSource[e]);
                Assert.Equal(targetStart + slice.Rows[i], layout.SegmentVertex[layout.EdgeSegment[e]]);
                Assert.Equal(slice.SegmentOfRow[slice.Rows[i]], layout.EdgeSegment[e]);
                Assert.InRange(e, layout.EdgeStart[map.TargetLayer], layout.EdgeStart[map.TargetLayer + 1] - 1);
                Assert.Equal(map.Kind == LayerMapKind.Main, layout.SegmentIsMain[layout.EdgeSegment[e]]);
            }

            for (var r = 0; r < map.OutFeatures; r++)
            {
                var segment = slice.SegmentOfRow[r];
                var edgeless = slice.EdgelessOfRow[r];
                Assert.True((segment >= 0) != (edgeless >= 0), $"{map}: row {r} has segment {segment} and edgeless row {edgeless}");
                if (segment >= 0)
                {
                    Assert.InRange(segment, slice.SegmentStart, slice.SegmentStart + slice.SegmentCount - 1);
                    seenSegments[segment]++;
                    Assert.Equal(targetStart + r, layout.SegmentVertex[segment]);
                    Assert.InRange(segment, layout.SegmentStart[map.TargetLayer], layout.SegmentStart[map.TargetLayer + 1] - 1);
                }
                else
                {
                    Assert.InRange(edgeless, slice.EdgelessStart, slice.EdgelessStart + slice.EdgelessCount - 1);
                    seenEdgeless[edgeless]++;
                    Assert.Equal(targetStart + r, layout.EdgelessVertex[edgeless]);
                    Assert.InRange(edgeless, layout.EdgelessStart[map.TargetLayer], layout.EdgelessStart[map.TargetLayer + 1] - 1);
                }
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.All(seenSegments, count => Assert.Equal(1, count));
        Assert.All(seenEdgeless, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_skip_map_row_without_an_edge_is_an_edgeless_row()
    {
        var layout = EdgeDanLayout.Create(DanWiringPlan.Create(Named("edgeless-rows"), 5, 3));

        // Layer 2 is {3, 4, 5}; the skip map 0→2 has one edge, 0→4, into its row 1.
        var skip = Assert.Single(layout.SkipMaps);
        Assert.Equal(new[] { 0, -1, 1 }, skip.EdgelessOfRow);
        Assert.Equal(-1, skip.SegmentOfRow[0]);
        Assert.Equal(-1, skip.SegmentOfRow[2]);
        Assert.Equal(new[] { 3, 5 }, layout.EdgelessVertex);
        Assert.Equal(2, layout.EdgelessRowCount);
    }

    [Fact]
    public void Layout_refuses_a_null_plan() =>
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => EdgeDanLayout.Create(null!)).ParamName);
}
