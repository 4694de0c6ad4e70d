using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>Every diagnostic is reported once, by the analyzer, at its exact place: in a .dsnet file or inside a [Dsnet] string.</summary>
public class DiagnosticsTests
{
    private static IReadOnlyList<Diagnostic> BuildFile(string text, string path = "/p/models/bad.dsnet") =>
        GeneratorHarness.Build([new InMemoryAdditionalText(path, text)]).Diagnostics
            .Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal)).ToList();

    [Theory]
    [MemberData(nameof(Deepstruct.Dsl.Tests.Language.RejectedCases.All), MemberType = typeof(Deepstruct.Dsl.Tests.Language.RejectedCases))]
    public void Each_rejected_case_is_reported_once_at_its_place(string text, string id, int line, int column)
    {
        var diagnostics = BuildFile(text);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/p/models/bad.dsnet", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(diagnostics.Count, diagnostics.Distinct().Count());
    }

    [Fact]
    public void A_cycle_names_its_vertices_and_points_at_an_edge_on_the_right_line()
    {
        const string text = "namespace N;\nmodel Good : ffn { input 2; hidden 3; output 1; }\nstructure Loop {\n    a -> b;\n    b -> c;\n    c -> a;\n}\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("/p/loop.dsnet", text)]);

        var cycle = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS2001", cycle.Id);
        Assert.Equal(DiagnosticSeverity.Error, cycle.Severity);
        Assert.Contains("a -> b -> c -> a", cycle.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(5, cycle.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("c -> a", text.Substring(cycle.Location.SourceSpan.Start, cycle.Location.SourceSpan.Length));

        // The error stops the structure, never the other models; and the generator itself says nothing.
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName.EndsWith(".Good.g.cs", StringComparison.Ordinal));
        Assert.NotNull(output.GetTypeByMetadataName("N.Good"));
    }

    [Fact]
    public void A_warning_leaves_the_model_generated()
    {
        var (result, _, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("w.dsnet", "structure S { vertex a, b, c; a -> b; }\nmodel M : dan { input 2; output 1; structure S; }")]);

        var warning = Assert.Single(diagnostics);
        Assert.Equal(("DS2009", DiagnosticSeverity.Warning), (warning.Id, warning.DefaultSeverity));
        Assert.Single(result.Results.Single().GeneratedSources);
    }

    // The literal forms of [Dsnet]: the error is the unknown family 'balanced_tre', found inside each.
    [Theory]
    [InlineData("\"dan { input 4; output 2; structure balanced_tre(2, 3); }\"")]
    [InlineData("@\"dan { input 4; output 2; structure balanced_tre(2, 3); }\"")]
    [InlineData("\"\"\"dan { input 4; output 2; structure balanced_tre(2, 3); }\"\"\"")]
    [InlineData("\"\\u0064an {\\n input 4;\\t output 2; structure balanced_tre(2, 3); }\"")]
    [InlineData("@\"dan { input 4; output 2; /* \"\"x\"\" */ structure balanced_tre(2, 3); }\"")]
    [InlineData("\"\"\"\n        dan {\n            input 4; output 2;\n            structure balanced_tre(2, 3);\n        }\n        \"\"\"")]
    [InlineData("\"\"\"\u2028        dan {\u2029            input 4; output 2;\u0085            structure balanced_tre(2, 3);\r\n        }\r        \"\"\"")]
    public void A_Dsnet_string_reports_inside_the_literal(string literal)
    {
        var source = "using Deepstruct;\nnamespace App;\n[Dsnet(" + literal + ")]\npublic partial class Net;\n";
        var (result, _, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS2003", diagnostic.Id);
        Assert.Equal("balanced_tre", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void A_class_that_is_not_partial_gets_DS3001()
    {
        var diagnostics = GeneratorHarness.Build([], "using Deepstruct;\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic class Net { }\n").Diagnostics;

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS3001", diagnostic.Id);
        Assert.Equal((2, 13), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
    }

    [Theory]
    [InlineData("public abstract partial class Net { }", "abstract")]
    [InlineData("public static partial class Net { }", "static")]
    [InlineData("public partial class Net<T> { }", "generic")]
    [InlineData("public partial class Outer<T> { [Dsnet(\"ffn { input 2; hidden 2; output 1; }\")] public partial class Net { } }", "nested in the generic type 'Outer'")]
    public void An_unsupported_class_gets_DS3003(string declaration, string reason)
    {
        var attribute = declaration.Contains("Outer", StringComparison.Ordinal) ? string.Empty : "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\n";
        var (result, _, diagnostics) = GeneratorHarness.Build([], "using Deepstruct;\n" + attribute + declaration);

        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS3003", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Theory]
    [InlineData("public int Main1 => 1;", "Main1", "Main1")]
    [InlineData("public static int Spec = 3;", "Spec", "Spec")]
    [InlineData("public static class Vertices { }", "Vertices", "Vertices")]
    [InlineData("public Net() { }", "a parameterless constructor", "Net")]
    public void A_member_the_generator_would_declare_gets_DS3002_at_the_member(string member, string named, string at)
    {
        var source = "using Deepstruct;\n[Dsnet(\"dan { input 4; output 2; structure { a -> b -> c; } }\")]\npublic partial class Net\n{\n    " + member + "\n}\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS3002", diagnostic.Id);
        Assert.Contains("'" + named + "'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(at, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS0102" or "CS0111");
    }
}
