using CsCheck;
using Deepstruct.Structures;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>On any DAG, the maps of a MaskedDeepDan together connect exactly the structure's edges.</summary>
public class DanWiringPropertyTests
{
    private static readonly Gen<Structure> RandomDags =
        from vertexCount in Gen.Int[1, 18]
        from present in Gen.Bool.Array[vertexCount * (vertexCount - 1) / 2]
        select Dag(vertexCount, present);

    [Fact]
    public void Every_edge_is_exactly_one_masked_weight_and_nothing_else_is()
    {
        RandomDags.Sample(structure =>
        {
            using var dan = new MaskedDeepDan(3, 2, structure);
            var connected = new List<Edge>();
            var maps = dan.Plan.MainMaps.Zip(dan.MainMaps).Concat(dan.Plan.SkipMaps.Zip(dan.SkipMaps));
            foreach (var (plan, map) in maps)
            {
                Assert.Equal(new long[] { structure.Layers.SizeOf(plan.TargetLayer), structure.Layers.SizeOf(plan.SourceLayer) }, map.Mask.shape);
                var sources = structure.VerticesOf(plan.SourceLayer).ToArray();
                var targets = structure.VerticesOf(plan.TargetLayer).ToArray();
                var mask = map.Mask.data<bool>().ToArray();
                for (var i = 0; i < mask.Length; i++)
                {
                    if (mask[i])
                    {
                        connected.Add(new Edge(sources[i % sources.Length], targets[i / sources.Length]));
                    }
                }
            }

            Assert.Equal(structure.Edges.OrderBy(e => e.Source).ThenBy(e => e.Target), connected.OrderBy(e => e.Source).ThenBy(e => e.Target));
            Assert.Equal(structure.LayerCount - 1, dan.MainMaps.Count);
        }, iter: 60);
    }

    private static Structure Dag(int vertexCount, bool[] present)
    {
        var builder = new StructureBuilder(vertexCount);
        var pair = 0;
        for (var source = 0; source < vertexCount; source++)
        {
            for (var target = source + 1; target < vertexCount; target++)
            {
                if (present[pair++])
                {
                    builder.AddEdge(source, target);
                }
            }
        }

        return builder.Build();
    }
}
