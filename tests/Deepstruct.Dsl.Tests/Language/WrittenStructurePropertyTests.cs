using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Deepstruct.Binding;
using Deepstruct.Dsl.Tests.Structures;
using Deepstruct.Structures;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>Random graphs written out in .dsnet compile to exactly those graphs, and cycles are reported truthfully.</summary>
public partial class WrittenStructurePropertyTests
{
    [Fact]
    public void Random_dags_written_out_compile_to_the_same_structure()
    {
        RandomGraphs.Dag.Sample(g =>
        {
            var result = DsnetCompiler.Compile(WriteOut(g.VertexCount, g.Edges));

            Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
            var expected = Structure.Create(g.VertexCount, g.Edges);
            Assert.Equal(expected.Edges, result.Structures["S"].Structure.Edges);
            Assert.Equal(expected.Layers.LayerOfVertex.ToArray(), result.Structures["S"].Structure.Layers.LayerOfVertex.ToArray());
        });
    }

    [Fact]
    public void A_reported_cycle_is_a_cycle_of_the_graph_located_at_one_of_its_edges()
    {
        RandomGraphs.WithPlantedCycle.Sample(g =>
        {
            var text = WriteOut(g.VertexCount, g.Edges);
            var error = Assert.Single(DsnetCompiler.Compile(text).Diagnostics, diagnostic => diagnostic.IsError);
            Assert.Equal("DS2001", error.Id);

            var cycle = CyclePattern().Match(error.Message).Groups["cycle"].Value.Split(" -> ").Select(name => int.Parse(name[1..])).ToArray();
            Assert.Equal(cycle[0], cycle[^1]);
            var edges = g.Edges.ToHashSet();
            var cycleEdges = cycle.Zip(cycle.Skip(1), (u, v) => new Edge(u, v)).ToList();
            Assert.All(cycleEdges, edge => Assert.Contains(edge, edges));

            var located = text.Substring(error.Span.Offset, error.Span.Length).Split(" -> ").Select(name => int.Parse(name[1..])).ToArray();
            Assert.Contains(new Edge(located[0], located[1]), cycleEdges);
        });
    }

    private static string WriteOut(int vertexCount, IEnumerable<Edge> edges)
    {
        var text = new StringBuilder("structure S {\n    vertex ");
        text.AppendJoin(", ", Enumerable.Range(0, vertexCount).Select(v => $"v{v}")).Append(";\n");
        foreach (var edge in edges)
        {
            text.Append($"    v{edge.Source} -> v{edge.Target};\n");
        }

        return text.Append('}').ToString();
    }

    [GeneratedRegex("the cycle (?<cycle>v[0-9]+( -> v[0-9]+)+)")]
    private static partial Regex CyclePattern();
}
