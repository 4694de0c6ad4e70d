using Deepstruct.Structures;
using Xunit;
using static Deepstruct.Dsl.Tests.Language.Dsnet;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>Messages stay short and printable whatever the text; lines are counted as C# counts them.</summary>
public class MessageTextTests
{
    [Fact]
    public void A_cycle_of_a_million_vertices_is_reported_by_its_first_and_last_vertices_and_its_length()
    {
        // a[i] -> b[i] -> a[i + 1], and b's last back to a[0]: one cycle through all 10^6 vertices.
        var error = SingleError("""
            structure S {
                block a[500000], b[500000];
                a -> b : one_to_one;
                b[0..499998] -> a[1..499999] : one_to_one;
                b[499999] -> a[0];
            }
            """);

        Assert.Equal("DS2001", error.Id);
        Assert.InRange(error.Message.Length, 1, 400);
        Assert.Contains("1000000 vertices", error.Message);
        Assert.Contains("a[0] -> b[0] -> a[1]", error.Message);
        Assert.Contains("a[499999] -> b[499999] -> a[0]", error.Message);
    }

    [Fact]
    public void A_short_cycle_is_written_out_in_full()
    {
        var error = SingleError("structure S { a -> b; b -> c; c -> a; }");

        Assert.Contains("a -> b -> c -> a", error.Message);
        Assert.DoesNotContain("vertices", error.Message);
    }

    [Fact]
    public void The_cycle_exception_of_a_long_cycle_has_a_short_message()
    {
        const int n = 1_000_000;
        var edges = Enumerable.Range(0, n).Select(v => new Edge(v, (v + 1) % n)).ToArray();

        var error = Assert.Throws<StructureCycleException>(() => Deepstruct.Structures.Structure.Create(n, edges));

        Assert.InRange(error.Message.Length, 1, 400);
        Assert.Contains($"({n} vertices)", error.Message);
        Assert.Equal(n, error.Cycle.Count);
    }

    [Theory]
    [InlineData("\0", "\\0")]
    [InlineData("\u0001", "\\u0001")]
    [InlineData("\u001b[31m", "\\u001B")]
    [InlineData("\u007f", "\\u007F")]
    public void Control_characters_in_the_text_are_escaped_in_messages(string odd, string escaped)
    {
        var result = Compile("structure S { a -> b; }\nmodel M : dan { input 4; output 2; structure \"x" + odd + "y\"; }\nstructure T { a" + odd + " -> b; }");

        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, diagnostic => Assert.False(diagnostic.Message.Contains(odd, StringComparison.Ordinal), diagnostic.ToString()));
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Message.Contains(escaped, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a\u2028b", "a\\u2028b")]
    [InlineData("a\u2029b", "a\\u2029b")]
    [InlineData("a\u0085b", "a\\u0085b")]
    [InlineData("a\r\nb\t", "a\\r\\nb\\t")]
    [InlineData("\ufeff\u009f", "\\uFEFF\\u009F")]
    [InlineData("x\ud83d\ude00y", "x\ud83d\ude00y")]
    [InlineData("plain 'text' -> é", "plain 'text' -> é")]
    public void Echoed_text_is_escaped_by_one_helper(string text, string shown) => Assert.Equal(shown, Deepstruct.Diagnostics.DisplayText.Escape(text));

    [Fact]
    public void Lone_surrogates_are_escaped_and_pairs_kept()
    {
        // Built here: xunit's data serialization would replace a lone surrogate in an attribute.
        var lone = "x" + (char)0xDE00 + (char)0xD83D + "y";
        Assert.Equal("x\\uDE00\\uD83Dy", Deepstruct.Diagnostics.DisplayText.Escape(lone));

        var result = Compile("structure T { a" + (char)0xD800 + " -> b; }");
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("\\uD800", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsSurrogate);
    }

    [Fact]
    public void A_long_run_of_unexpected_text_is_shortened_in_its_message()
    {
        var result = Compile("structure S { a -> b; } " + new string('#', 1_000_000));

        var error = Assert.Single(result.Diagnostics);
        Assert.InRange(error.Message.Length, 1, 1000);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void Line_breaks_are_counted_as_csharp_counts_them(string lineBreak)
    {
        var error = SingleError("structure S {" + lineBreak + "  a -> a;" + lineBreak + "}");

        Assert.Equal("DS2002", error.Id);
        Assert.Equal((2, 3), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void A_line_comment_ends_at_a_lone_carriage_return()
    {
        var error = SingleError("// comment\rstructure S { a -> a; }");

        Assert.Equal((2, 15), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void Line_breaks_in_a_block_comment_are_counted()
    {
        var error = SingleError("/* one\rtwo\r\nthree\u2028four */ structure S { a -> a; }");

        Assert.Equal(4, error.Span.Line);
    }
}
