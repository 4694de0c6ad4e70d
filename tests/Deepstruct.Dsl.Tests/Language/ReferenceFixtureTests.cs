using System.Text;
using System.Text.Json;
using Deepstruct.Binding;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// The graphs the Python deepstruct was run on, written out as .dsnet structures: the language
/// must give the same vertices, edges and layers; deterministic families must equal them too.
/// </summary>
public class ReferenceFixtureTests
{
    [Theory]
    [InlineData("balanced_tree_r2_h3.json")]
    [InlineData("complete_6.json")]
    [InlineData("diamond_with_skip.json")]
    [InlineData("grid_2d_3x30.json")]
    [InlineData("newman_watts_strogatz_100_4_0.5_seed2.json")]
    [InlineData("path_10.json")]
    [InlineData("watts_strogatz_100_3_0.8_seed1.json")]
    public void Written_out_reference_graphs_have_deepstructs_layers(string fixture)
    {
        var (vertices, edges, layers) = Read(fixture);
        var text = new StringBuilder("structure S {\n    vertex ");
        text.AppendJoin(", ", Enumerable.Range(0, vertices).Select(v => $"v{v}")).Append(";\n");
        foreach (var (u, v) in edges)
        {
            text.Append($"    v{u} -> v{v};\n");
        }

        text.Append('}');
        var result = DsnetCompiler.Compile(text.ToString());

        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        var structure = result.Structures["S"].Structure;
        Assert.Equal(edges, structure.Edges.Select(edge => (edge.Source, edge.Target)));
        Assert.Equal(layers, Enumerable.Range(0, structure.LayerCount).Select(layer => structure.VerticesOf(layer).ToArray()));
    }

    [Theory]
    [InlineData("balanced_tree(r: 2, h: 3)", "balanced_tree_r2_h3.json")]
    [InlineData("complete(n: 6)", "complete_6.json")]
    [InlineData("grid_2d(m: 3, n: 30)", "grid_2d_3x30.json")]
    [InlineData("path(n: 10)", "path_10.json")]
    public void Deterministic_families_equal_the_reference_vertex_for_vertex(string expression, string fixture)
    {
        var (vertices, edges, layers) = Read(fixture);
        var structure = DsnetCompiler.Compile($"structure S = {expression};").Structures["S"].Structure;

        Assert.Equal(vertices, structure.VertexCount);
        Assert.Equal(edges, structure.Edges.Select(edge => (edge.Source, edge.Target)));
        Assert.Equal(layers, Enumerable.Range(0, structure.LayerCount).Select(layer => structure.VerticesOf(layer).ToArray()));
    }

    private static (int Vertices, List<(int, int)> Edges, int[][] Layers) Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deepstruct-reference", file)));
        var root = document.RootElement;
        var edges = root.GetProperty("edges").EnumerateArray().Select(edge => (edge[0].GetInt32(), edge[1].GetInt32())).Distinct().Order().ToList();
        var layers = root.GetProperty("layers").EnumerateObject()
            .OrderBy(layer => int.Parse(layer.Name))
            .Select(layer => layer.Value.EnumerateArray().Select(vertex => vertex.GetInt32()).Order().ToArray())
            .ToArray();
        return (root.GetProperty("vertices").GetArrayLength(), edges, layers);
    }
}
