using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// Which declarations carry a model: one model per class, whatever its name spells after the hint
/// name is sanitized and however many parts it has; every type that carries [Dsnet] but cannot hold
/// a model is told so in both reporting modes.
/// </summary>
public class ClassTargetTests
{
    private const string Ffn = "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]";

    [Theory]
    [InlineData("A\u203FB", "A_B")] // a connector punctuation mark beside the underscore it sanitizes to
    [InlineData("A\u0308", "A_")] // Ä written as A + a combining diaeresis
    [InlineData("Net", "NET")] // hint names are compared without case
    public void Two_classes_whose_hint_names_would_sanitize_alike_each_get_their_model(string first, string second)
    {
        var source = "using Deepstruct;\nnamespace App;\n" + Ffn + "\npublic partial class " + first + ";\n" + Ffn + "\npublic partial class " + second + ";\n";

        var (result, output) = GeneratorHarness.RunReportingFrom("generator", [], source);

        Assert.All(result.Results, generator => Assert.Null(generator.Exception));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal("MaskedDeepFfn", output.GetTypeByMetadataName("App." + first)!.BaseType!.Name);
        Assert.Equal("MaskedDeepFfn", output.GetTypeByMetadataName("App." + second)!.BaseType!.Name);
    }

    [Fact]
    public void Two_models_of_a_file_whose_names_differ_only_in_case_each_get_their_class()
    {
        var (result, output) = GeneratorHarness.RunReportingFrom("generator", [new InMemoryAdditionalText("/p/nets.dsnet", "namespace App;\nmodel Net : ffn { input 2; hidden 2; output 1; }\nmodel NET : ffn { input 3; hidden 2; output 1; }\n")]);

        Assert.All(result.Results, generator => Assert.Null(generator.Exception));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generator")]
    public void Dsnet_on_two_parts_of_one_class_gives_one_model_and_DS3004_at_the_second_attribute(string? reporter)
    {
        const string first = "using Deepstruct;\nnamespace App;\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic partial class Net;\n";
        const string second = "using Deepstruct;\nnamespace App;\n[Dsnet(\"ffn { input 3; hidden 2; output 1; }\")]\npublic partial class Net { }\n";

        var (result, output, reported) = ReportingModes.Build(reporter, [], first, second);

        Assert.All(result.Results, generator => Assert.Null(generator.Exception));
        var diagnostic = Assert.Single(reported);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("DS3004", diagnostic.Id);
        Assert.Equal(("Source1.cs", new LinePosition(2, 1)), (diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().StartLinePosition));
        Assert.Contains("Source0.cs(3,2)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The first attribute's model is the class's; C# itself only says the attribute is not AllowMultiple.
        var generated = Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Contains("input 2;", generated.SourceText.ToString(), StringComparison.Ordinal);
        Assert.Equal("MaskedDeepFfn", output.GetTypeByMetadataName("App.Net")!.BaseType!.Name);
        Assert.Equal(["CS0579"], output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct());
    }

    [Theory]
    [InlineData("public partial record Net;", "a record")]
    [InlineData("public partial record class Net;", "a record")]
    [InlineData("public partial record struct Net;", "a record struct")]
    [InlineData("public partial struct Net;", "a struct")]
    [InlineData("public partial interface Net;", "an interface")]
    [InlineData("public enum Net { A }", "an enum")]
    [InlineData("file partial class Net;", "file-local")]
    public void Dsnet_on_a_type_that_cannot_take_a_model_gets_DS3003_in_command_line_builds_too(string declaration, string reason)
    {
        var source = "using Deepstruct;\nnamespace App;\n" + Ffn + "\n" + declaration + "\n";

        foreach (var reporter in new[] { null, "generator" })
        {
            var (result, _, reported) = ReportingModes.Build(reporter, [], source);

            var diagnostic = Assert.Single(reported);
            Assert.Equal("DS3003", diagnostic.Id);
            Assert.Contains("is " + reason + ";", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal("Net", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
            Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Empty(result.Results.Single().GeneratedSources);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generator")]
    public void A_Dsnet_class_nested_in_a_type_that_is_not_partial_gets_DS3001_at_that_type(string? reporter)
    {
        const string source = "using Deepstruct;\nnamespace App;\npublic class Outer\n{\n    " + Ffn + "\n    public partial class Net { }\n}\n";

        var (result, output, reported) = ReportingModes.Build(reporter, [], source);

        var diagnostic = Assert.Single(reported);
        Assert.Equal("DS3001", diagnostic.Id);
        Assert.Equal(
            "The class 'Net' has [Dsnet] but its containing type 'Outer' is not partial; declare its containing type 'Outer' 'partial' so the generator can add the model's members",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("Outer", 2), (source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), diagnostic.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
