using Deepstruct.Binding;
using Deepstruct.Syntax;
using Xunit;
using static Deepstruct.Dsl.Tests.Language.Dsnet;

namespace Deepstruct.Dsl.Tests.Language;

public class SyntaxTests
{
    [Fact]
    public void Comments_and_optional_semicolons_are_accepted()
    {
        var result = Compile("""
            // a line comment
            namespace A.B.C; /* a block
            comment */
            structure S { a -> b; };
            model M : dan { input 4; output 2; structure S; };
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("A.B.C", result.Namespace);
    }

    [Fact]
    public void Nodes_carry_offset_length_line_and_column()
    {
        var (unit, diagnostics) = DsnetCompiler.Parse("structure S {\n  a -> b : band(width: 2);\n}");

        Assert.Empty(diagnostics);
        var body = (StructureBodySyntax)((StructureDeclarationSyntax)unit.Declarations[0]).Definition!;
        var chain = Assert.IsType<EdgeChainSyntax>(Assert.Single(body.Statements));
        Assert.Equal((2, 3, 16), (chain.Span.Line, chain.Span.Column, chain.Span.Offset));
        Assert.Equal("band", chain.Pattern!.Name.Text);
        Assert.Equal((2, 12), (chain.Pattern.Span.Line, chain.Pattern.Span.Column));
        Assert.Equal("b", chain.Group(1)[0].Name.Text);
    }

    [Fact]
    public void Keywords_are_reserved_only_at_the_start_of_a_statement()
    {
        var s = Structure("structure S { input -> output -> model; }");

        Assert.Equal(["input", "output", "model"], s.Vertices.Keys);
    }

    [Fact]
    public void Recovery_reports_independent_errors_of_one_file()
    {
        var result = Compile("""
            structure A { a -> ; b -> c; }
            structure B { x -> y z; }
            model M : ffn { input 4 hidden 3; output 2; }
            model Good : ffn { input 4; hidden 3; output 2; }
            structure C = path(;
            """);

        Assert.Equal(
            [(1, 20), (2, 22), (3, 25), (5, 20)],
            result.Diagnostics.Select(diagnostic => (diagnostic.Span.Line, diagnostic.Span.Column)));
        Assert.All(result.Diagnostics, diagnostic => Assert.Equal("DS1001", diagnostic.Id));
        Assert.Equal(["Good"], result.Models.Select(model => model.Name));
    }

    [Fact]
    public void An_unclosed_block_ends_at_the_next_declaration()
    {
        var result = Compile("""
            structure S { a -> b;
            model M : ffn { input 4; hidden 3; output 2;
            structure T = path(3)
            model N : ffn { input 4; hidden 3; output 2; }
            """);

        Assert.Equal(
            [(2, 1), (3, 1), (4, 1)],
            result.Diagnostics.Select(diagnostic => (diagnostic.Span.Line, diagnostic.Span.Column)));
        Assert.Contains("expected '}'", result.Diagnostics[0].Message);
        Assert.Contains("expected ';'", result.Diagnostics[2].Message);
        Assert.Equal(["N"], result.Models.Select(model => model.Name));
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused_and_the_next_declaration_still_parses()
    {
        var deep = "structure S = " + new string('(', 65) + "path(2)" + new string(')', 65) + ";\nstructure T = path(3);";
        var result = Compile(deep);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DS1001", error.Id);
        Assert.Contains("64", error.Message);
        Assert.Equal(15 + 64, error.Span.Column);
        Assert.True(result.Structures.ContainsKey("T"));
    }

    [Fact]
    public void Nesting_of_64_is_accepted()
    {
        // 63 parentheses and the call's own make 64 levels.
        var source = "structure S = " + new string('(', 63) + "path(2)" + new string(')', 63) + ";";

        Assert.Empty(Compile(source).Diagnostics);
    }

    [Theory]
    [InlineData("structure S { a -> b; } /* open", 1, 25)]
    [InlineData("structure S { a -> b; }\nmodel M : dan { input \"oops; }", 2, 23)]
    public void Unterminated_comments_and_strings_are_ds1002(string source, int line, int column)
    {
        var error = Assert.Single(Compile(source).Diagnostics, diagnostic => diagnostic.Id == "DS1002");

        Assert.Equal((line, column), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void Unexpected_characters_are_reported_once_per_run()
    {
        var error = SingleError("structure S { a -> b; } @@@");

        Assert.Equal("DS1001", error.Id);
        Assert.Contains("'@@@'", error.Message);
    }

    [Fact]
    public void Diagnostics_are_equatable_values()
    {
        var first = DsnetCompiler.Compile("structure S { a -> a; }").Diagnostics;
        var second = DsnetCompiler.Compile("structure S { a -> a; }").Diagnostics;

        Assert.Equal(first, second);
        Assert.Equal(first[0].GetHashCode(), second[0].GetHashCode());
    }

    [Fact]
    public void Null_text_is_a_diagnostic_not_an_exception()
    {
        Assert.Equal("DS1001", Assert.Single(DsnetCompiler.Compile(null!).Diagnostics).Id);
    }
}
