using Deepstruct.Structures;
using Xunit;
using static Deepstruct.Dsl.Tests.Language.Dsnet;

namespace Deepstruct.Dsl.Tests.Language;

public class StructureStatementTests
{
    [Fact]
    public void Declared_vertices_take_indices_in_declaration_order()
    {
        var s = Structure("structure S { vertex d, c, b, a; a -> b, c; b, c -> d; a -> d; }");

        Assert.Equal(3, s.Vertices["a"]);
        Assert.Equal(0, s.Vertices["d"]);
        Assert.Equal([(1, 0), (2, 0), (3, 0), (3, 1), (3, 2)], Edges(s));
    }

    [Fact]
    public void A_chain_links_every_neighbouring_pair_and_duplicates_merge()
    {
        var s = Structure("structure S { a -> b -> c -> d; a -> b; }");

        Assert.Equal([(0, 1), (1, 2), (2, 3)], Edges(s));
        Assert.Equal(4, s.Structure.LayerCount);
    }

    [Fact]
    public void Blocks_are_consecutive_and_full_by_default()
    {
        var s = Structure("structure S { block a[2], b[3]; a -> b; }");

        Assert.Equal(new Binding.VertexBlock(0, 2), s.Blocks["a"]);
        Assert.Equal(new Binding.VertexBlock(2, 3), s.Blocks["b"]);
        Assert.Equal(6, s.Structure.EdgeCount);
    }

    [Fact]
    public void One_to_one_and_ranges_connect_positions()
    {
        var s = Structure("structure S { block h[4], g[2]; h[1..2] -> g : one_to_one; h[0] -> h[3]; }");

        Assert.Equal([(0, 3), (1, 4), (2, 5)], Edges(s));
    }

    [Fact]
    public void Band_connects_positions_within_the_width()
    {
        var s = Structure("structure S { block a[4], b[4]; a -> b : band(width: 1); }");

        var expected = from i in Enumerable.Range(0, 4) from j in Enumerable.Range(0, 4) where Math.Abs(i - j) <= 1 select (i, j + 4);
        Assert.Equal(expected, Edges(s));
    }

    [Fact]
    public void Random_keeps_pairs_by_the_deterministic_generator_row_by_row()
    {
        var s = Structure("structure S { block a[5], b[6]; a -> b : random(p: 0.3, seed: 7); }");

        // Pairs numbered row by row (k = 6·i + j), kept where geometric skipping lands.
        var skips = new GeometricSkips(new DeterministicRandom(7), 0.3);
        var expected = new List<(int, int)>();
        for (var k = skips.NextGap(); k < 30; k += 1 + skips.NextGap())
        {
            expected.Add(((int)(k / 6), (int)(k % 6) + 5));
        }

        Assert.Equal(expected, Edges(s));
    }

    [Fact]
    public void A_random_pattern_draws_as_random_dag_does_with_the_same_seed()
    {
        // random_dag(n) visits the pairs (0,1), (0,2), (1,2), (0,3), … by one geometric skipping;
        // a random pattern from one vertex to as many targets as there are pairs visits them in the same sequence.
        const int n = 40;
        const int pairs = n * (n - 1) / 2;
        var dag = Structure("structure S = random_dag(n: 40, p: 0.1, seed: 11);");
        var pattern = Structure($"structure S {{ block a[1], b[{pairs}]; a -> b : random(p: 0.1, seed: 11); }}");

        var fromDag = Edges(dag).Select(edge => (edge.Item2 * (edge.Item2 - 1) / 2) + edge.Item1).Order();
        var fromPattern = Edges(pattern).Select(edge => edge.Item2 - 1);

        Assert.NotEmpty(fromPattern);
        Assert.Equal(fromDag, fromPattern);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1e-400")]
    public void A_random_pattern_with_probability_zero_adds_no_edge(string p)
    {
        // A hundred links of 1000 × 1000 pairs: 10^8 pairs, none of which may be drawn one by one.
        var links = string.Concat(Enumerable.Range(0, 100).Select(_ => $"a -> b : random(p: {p}, seed: 1); "));
        var result = Compile($"structure S {{ block a[1000], b[1000]; {links}}}");

        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        Assert.Equal(0, result.Structures["S"].Structure.EdgeCount);
    }

    [Fact]
    public void Random_with_positional_arguments_equals_named()
    {
        var named = Structure("structure S { block a[9], b[9]; a -> b : random(p: 0.5, seed: 3); }");
        var positional = Structure("structure S { block a[9], b[9]; a -> b : random(0.5, 3); }");

        Assert.Equal(Edges(named), Edges(positional));
    }

    [Fact]
    public void The_blocks_example_of_the_contract_binds()
    {
        var s = Structure("""
            structure S {
                block h1[100], h2[50], h3[10];
                h1 -> h2;
                h2 -> h3 : random(p: 0.2, seed: 7);
                h1[0..9] -> h3 : one_to_one;
                h1 -> h3 : band(width: 3);
            }
            """);

        Assert.Equal(160, s.Structure.VertexCount);
        Assert.True(s.Structure.HasEdge(0, 150));
        Assert.True(s.Structure.HasEdge(9, 159));
    }

    [Theory]
    [InlineData("structure S { vertex a, b; a -> c; }", "DS2003", "'c'")]
    [InlineData("structure S { vertex a, b; a -> b; a -> bb; }", "DS2003", "did you mean 'b'")]
    [InlineData("structure S { vertex a, a, b; a -> b; }", "DS2004", "'a'")]
    [InlineData("structure S { block h[3]; vertex g; g -> h[3]; }", "DS2007", "h[0..2]")]
    [InlineData("structure S { block h[3]; vertex g; g -> h[2..1]; }", "DS2007", "[2..1]")]
    [InlineData("structure S { block h[0]; vertex g; g -> h; }", "DS2007", "empty")]
    [InlineData("structure S { a -> b : zigzag; }", "DS2003", "Unknown pattern 'zigzag'")]
    [InlineData("structure S { a -> b : random(p: 0.5); }", "DS2005", "'seed'")]
    [InlineData("structure S { a -> b : random(p: 2, seed: 1); }", "DS2005", "[0, 1]")]
    [InlineData("structure S { a -> b : band(width: -1); }", "DS2005", "width")]
    [InlineData("structure S { a -> b : band(w: 1); }", "DS2005", "Unknown argument 'w'")]
    [InlineData("structure S { block h[2]; h -> h; }", "DS2002", "h[0]")]
    [InlineData("structure S { block h[2000000]; }", "DS2008", "1000000")]
    [InlineData("structure S { block a[3000], b[3000]; a -> b; }", "DS2008", "9000000")]
    [InlineData("structure S { a[1] -> b; }", "DS2003", "Unknown block 'a'")]
    [InlineData("structure S { }", "DS2007", "empty")]
    [InlineData("structure S = stack({ }, path(2));", "DS2007", "empty")]
    public void Bad_statements_report_the_expected_error(string source, string id, string fragment)
    {
        var error = SingleError(source);

        Assert.Equal(id, error.Id);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void An_isolated_declared_vertex_is_a_warning_and_the_structure_still_binds()
    {
        var result = Compile("structure S { vertex a, b, lonely; a -> b; }");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DS2009", warning.Id);
        Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal((1, 28), (warning.Span.Line, warning.Span.Column));
        Assert.True(result.Structures.ContainsKey("S"));
    }

    [Fact]
    public void No_isolated_vertex_warning_for_a_structure_with_errors()
    {
        var result = Compile("structure S { vertex a, b, lonely; a -> b; b -> a; }");

        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Id == "DS2009");
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Id == "DS2001");
    }
}
