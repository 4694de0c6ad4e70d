using System.Text.Json;
using Deepstruct.Binding;
using Deepstruct.Diagnostics;
using Deepstruct.Structures;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>DSNET.md's "Must compile" and "Must be rejected" sections.</summary>
public class ContractExamplesTests
{
    private const string MustCompile = """
        namespace Examples;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        structure Tree = balanced_tree(2, 3);
        structure Grid = grid_2d(m: 3, n: 30);
        model DiamondNet : dan { input 4; output 2; structure Diamond; }
        model TreeNet : dan { input 5x5; output 2; structure Tree; layer_norm; }
        model GridNet : dan { input 784; output 10; structure Grid; activation tanh; }
        model Mnist : ffn { input 1x28x28; hidden 200, 100; output 10; }
        model Inline : dan { input 8; output 1; structure { x -> y -> z; x -> z; } }
        """;

    [Fact]
    public void Must_compile_example_binds_without_diagnostics()
    {
        var result = DsnetCompiler.Compile(MustCompile);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Examples", result.Namespace);
        Assert.Equal(["DiamondNet", "TreeNet", "GridNet", "Mnist", "Inline"], result.Models.Select(model => model.Name));
    }

    [Fact]
    public void Must_compile_models_carry_their_settings()
    {
        var models = DsnetCompiler.Compile(MustCompile).Models.ToDictionary(model => model.Name);

        Assert.Equal([5L, 5L], models["TreeNet"].InputShape);
        Assert.Equal(25, models["TreeNet"].InputSize);
        Assert.True(models["TreeNet"].LayerNorm);
        Assert.Equal(Activation.Tanh, models["GridNet"].Activation);
        Assert.Equal(ModelKind.Ffn, models["Mnist"].Kind);
        Assert.Equal([200, 100], models["Mnist"].HiddenSizes);
        Assert.Equal(784, models["Mnist"].InputSize);
        Assert.Equal(10, models["Mnist"].OutputSize);
        Assert.True(models["Mnist"].Bias);
        Assert.Null(models["Mnist"].Structure);
        Assert.Equal(Activation.ReLU, models["DiamondNet"].Activation);
    }

    [Fact]
    public void A_dan_models_settings_are_the_runtimes_DanOptions_record()
    {
        var models = DsnetCompiler.Compile(MustCompile).Models.ToDictionary(model => model.Name);

        Assert.Equal(DanOptions.Default, models["DiamondNet"].DanOptions);
        Assert.Equal(new DanOptions { LayerNorm = true }, models["TreeNet"].DanOptions);
        Assert.Equal(DanOptions.Default with { Activation = Activation.Tanh }, models["GridNet"].DanOptions);
        Assert.Equal(DanRepresentation.Auto, models["GridNet"].DanOptions.Representation);
    }

    [Theory]
    [InlineData("Tree", "balanced_tree_r2_h3.json")]
    [InlineData("Grid", "grid_2d_3x30.json")]
    public void Must_compile_families_match_the_reference_fixtures(string structure, string fixture)
    {
        var bound = DsnetCompiler.Compile(MustCompile).Structures[structure].Structure;
        var (vertices, edges, layers) = ReadFixture(fixture);

        Assert.Equal(vertices, bound.VertexCount);
        Assert.Equal(edges, bound.Edges.Select(edge => (edge.Source, edge.Target)).Order());
        Assert.Equal(layers, Enumerable.Range(0, bound.LayerCount).Select(layer => bound.VerticesOf(layer).ToArray()));
    }

    [Fact]
    public void Must_compile_families_equal_the_structure_core_families()
    {
        var structures = DsnetCompiler.Compile(MustCompile).Structures;

        Assert.Equal(StructureFamilies.BalancedTree(2, 3).Edges, structures["Tree"].Structure.Edges);
        Assert.Equal(StructureFamilies.Grid2D(3, 30).Edges, structures["Grid"].Structure.Edges);
    }

    [Fact]
    public void Diamond_and_inline_structures_name_their_vertices_in_order_of_first_use()
    {
        var result = DsnetCompiler.Compile(MustCompile);
        var diamond = result.Structures["Diamond"];
        var inline = result.Models.Single(model => model.Name == "Inline").BoundStructure!;

        Assert.Equal(new Dictionary<string, int> { ["a"] = 0, ["b"] = 1, ["c"] = 2, ["d"] = 3 }, diamond.Vertices);
        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 3), (2, 3)], diamond.Structure.Edges.Select(edge => (edge.Source, edge.Target)));
        Assert.Equal(3, diamond.Structure.LayerCount);
        Assert.Equal([(0, 1), (0, 2), (1, 2)], inline.Structure.Edges.Select(edge => (edge.Source, edge.Target)));
    }

    [Theory]
    [MemberData(nameof(RejectedCases.All), MemberType = typeof(RejectedCases))]
    public void Must_be_rejected_cases_report_their_error_where_it_is(string source, string id, int line, int column)
    {
        var errors = DsnetCompiler.Compile(source).Diagnostics.Where(diagnostic => diagnostic.IsError).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(id, error.Id);
        Assert.Equal((line, column), (error.Span.Line, error.Span.Column));
        Assert.DoesNotContain(DsnetCompiler.Compile(source).Models, model => model.Name == "M");
    }

    [Fact]
    public void Cycle_message_lists_the_cycle_in_order_and_points_at_one_of_its_edges()
    {
        var source = "structure S { a -> b; b -> c; c -> a; }";
        var error = DsnetCompiler.Compile(source).Diagnostics.Single();

        Assert.Contains("a -> b -> c -> a", error.Message);
        Assert.Equal("c -> a", source.Substring(error.Span.Offset, error.Span.Length));
    }

    [Fact]
    public void Cycle_through_blocks_names_block_vertices()
    {
        var error = DsnetCompiler.Compile("structure S { block h[2]; vertex x; h[1] -> x; x -> h[1]; }").Diagnostics.Single(d => d.IsError);

        Assert.Equal("DS2001", error.Id);
        Assert.Contains("h[1] -> x -> h[1]", error.Message);
    }

    [Fact]
    public void Missing_semicolon_message_says_what_was_found_and_expected()
    {
        var error = DsnetCompiler.Compile("model M : dan { input 4; output 2; structure { a -> b } }").Diagnostics.Single();

        Assert.Contains("'}'", error.Message);
        Assert.Contains("expected ';'", error.Message);
    }

    private static (int Vertices, IEnumerable<(int, int)> Edges, int[][] Layers) ReadFixture(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deepstruct-reference", file)));
        var root = document.RootElement;
        var edges = root.GetProperty("edges").EnumerateArray().Select(edge => (edge[0].GetInt32(), edge[1].GetInt32())).Order().ToList();
        var layers = root.GetProperty("layers").EnumerateObject()
            .OrderBy(layer => int.Parse(layer.Name))
            .Select(layer => layer.Value.EnumerateArray().Select(vertex => vertex.GetInt32()).ToArray())
            .ToArray();
        return (root.GetProperty("vertices").GetArrayLength(), edges, layers);
    }
}
