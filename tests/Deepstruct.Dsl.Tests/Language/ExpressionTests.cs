using Deepstruct.Binding;
using Deepstruct.Structures;
using Xunit;
using static Deepstruct.Dsl.Tests.Language.Dsnet;

namespace Deepstruct.Dsl.Tests.Language;

public class ExpressionTests
{
    public static TheoryData<string, Structure> Families => new()
    {
        { "balanced_tree(r: 3, h: 2)", StructureFamilies.BalancedTree(3, 2) },
        { "grid_2d(4, 5)", StructureFamilies.Grid2D(4, 5) },
        { "path(n: 10)", StructureFamilies.Path(10) },
        { "complete(6)", StructureFamilies.Complete(6) },
        { "star(n: 5)", StructureFamilies.Star(5) },
        { "watts_strogatz(n: 100, k: 4, p: 0.5, seed: 42)", StructureFamilies.WattsStrogatz(100, 4, 0.5, 42) },
        { "newman_watts_strogatz(100, 4, 0.5, 2)", StructureFamilies.NewmanWattsStrogatz(100, 4, 0.5, 2) },
        { "erdos_renyi(n: 50, p: 0.1, seed: 3)", StructureFamilies.ErdosRenyi(50, 0.1, 3) },
        { "barabasi_albert(n: 50, m: 2, seed: 3)", StructureFamilies.BarabasiAlbert(50, 2, 3) },
        { "random_dag(n: 50, p: 1e-1, seed: 3)", StructureFamilies.RandomDag(50, 0.1, 3) },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Families_build_what_the_structure_core_builds(string call, Structure expected)
    {
        var s = Structure($"structure S = {call};");

        Assert.Equal(expected.VertexCount, s.Structure.VertexCount);
        Assert.Equal(expected.Edges, s.Structure.Edges);
    }

    [Fact]
    public void Union_puts_left_vertices_first_and_keeps_names()
    {
        var s = Structure("structure A { x -> y; } structure B { u -> v -> w; } structure S = A + B + path(2);", "S");

        Assert.Equal(7, s.Structure.VertexCount);
        Assert.Equal([(0, 1), (2, 3), (3, 4), (5, 6)], Edges(s));
        Assert.Equal(2, s.Vertices["u"]);
    }

    [Fact]
    public void Stack_merges_the_upper_first_layer_into_the_lower_last_layer()
    {
        var s = Structure("structure Chain { a -> b -> c -> d; } structure S = stack(Chain, Chain);", "S");

        Assert.Equal(7, s.Structure.VertexCount);
        Assert.Equal([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)], Edges(s));
    }

    [Fact]
    public void Stack_of_unequal_boundary_layers_is_a_size_error()
    {
        var error = SingleError("structure S = stack(star(3), path(2));");

        Assert.Equal("DS2007", error.Id);
    }

    [Fact]
    public void Scale_gives_each_vertex_a_block_of_round_half_even_size()
    {
        var s = Structure("structure S = scale(path(4), total: 10);");

        // 10 / 4 = 2.5 rounds to 2.
        Assert.Equal(8, s.Structure.VertexCount);
        Assert.Equal(12, s.Structure.EdgeCount);
    }

    [Fact]
    public void Scale_with_proportions_by_name_names_the_blocks()
    {
        var s = Structure("structure T { a -> b; } structure S = scale(T, total: 10, proportions: { a: 0.25, b: 0.75 });", "S");

        // 2.5 -> 2 and 7.5 -> 8 (half to even).
        Assert.Equal(new Binding.VertexBlock(0, 2), s.Blocks["a"]);
        Assert.Equal(new Binding.VertexBlock(2, 8), s.Blocks["b"]);
        Assert.Equal(16, s.Structure.EdgeCount);
    }

    [Fact]
    public void Scale_never_makes_an_empty_block()
    {
        var s = Structure("structure S = scale(path(3), total: 10, proportions: { 0: 0.99, 1: 0.01 });");

        Assert.Equal(10 + 1 + 1, s.Structure.VertexCount);
    }

    [Theory]
    [InlineData("structure S = scale(path(3), total: 10, proportions: { 0: 0.5, 1: 0.4 });", "DS2005")]
    [InlineData("structure S = scale(path(3), total: 10, proportions: { q: 1 });", "DS2003")]
    [InlineData("structure S = scale(path(3), total: 0);", "DS2005")]
    [InlineData("structure S = scale(path(1000), total: 100000000);", "DS2008")]
    [InlineData("structure S = complete(100000);", "DS2008")]
    [InlineData("structure S = complete(n: 99999999999999999999999);", "DS2005")]
    [InlineData("structure S = balanced_tree(r: 10, h: 10);", "DS2008")]
    [InlineData("structure S = path(0);", "DS2005")]
    [InlineData("structure S = erdos_renyi(n: 10, p: -0.5, seed: 1);", "DS2005")]
    [InlineData("structure S = barabasi_albert(n: 5, m: 5, seed: 1);", "DS2005")]
    [InlineData("structure S = path(n: 3, m: 4);", "DS2005")]
    [InlineData("structure S = path(3, 4);", "DS2005")]
    [InlineData("structure S = path(n: 3, n: 4);", "DS2005")]
    [InlineData("structure S = path;", "DS2005")]
    [InlineData("structure S = paht(3);", "DS2003")]
    [InlineData("structure S = Nope + path(3);", "DS2003")]
    [InlineData("structure S = 3;", "DS2005")]
    [InlineData("structure A = B; structure B = A;", "DS2001")]
    [InlineData("structure S = path(3); structure S = path(4);", "DS2004")]
    public void Bad_expressions_report_the_expected_error(string source, string id)
    {
        Assert.Equal(id, SingleError(source).Id);
    }

    [Fact]
    public void Complete_100000_is_refused_before_anything_is_built()
    {
        DsnetCompiler.Compile("structure S = complete(10);");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = DsnetCompiler.Compile("structure S = complete(100000);");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("DS2008", Assert.Single(result.Diagnostics).Id);
        Assert.InRange(allocated, 0, 1_000_000);
    }

    [Fact]
    public void Unknown_family_suggests_the_nearest_name()
    {
        Assert.Contains("did you mean 'path'", SingleError("structure S = paht(3);").Message);
    }

    [Fact]
    public void Out_of_range_argument_is_located_at_the_argument()
    {
        var source = "structure S = barabasi_albert(n: 5, m: 5, seed: 1);";
        var error = SingleError(source);

        Assert.Equal("5", source.Substring(error.Span.Offset, error.Span.Length));
        Assert.Equal(source.IndexOf("m: 5", StringComparison.Ordinal) + 4, error.Span.Column);
    }

    [Fact]
    public void Parentheses_group_and_plus_is_left_associative()
    {
        var grouped = Structure("structure S = path(2) + (path(3) + path(4));");
        var flat = Structure("structure S = path(2) + path(3) + path(4);");

        Assert.Equal(Edges(flat), Edges(grouped));
    }
}
