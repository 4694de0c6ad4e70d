using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// Two models of one full name (namespace and name) in a project: DS2004 at each declaration, in
/// both reporting modes, and neither is generated, so the user sees the cause and never CS0101.
/// </summary>
public class DuplicateModelTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("generator")]
    public void The_same_model_in_two_dsnet_files_gets_DS2004_at_each_declaration(string? reporter)
    {
        AdditionalText[] files =
        [
            new InMemoryAdditionalText("/p/a.dsnet", "namespace Consumer.Models;\nmodel Net : ffn { input 2; hidden 2; output 1; }\nmodel Other : ffn { input 2; hidden 2; output 1; }\n"),
            new InMemoryAdditionalText("/p/b.dsnet", "// the same name, in the project's root namespace (Consumer.Models)\nmodel Net : ffn { input 3; hidden 2; output 1; }\n"),
        ];

        var (result, output, reported) = ReportingModes.Build(reporter, files);

        Assert.All(result.Results, generator => Assert.Null(generator.Exception));
        Assert.Equal(
            [
                "DS2004 /p/a.dsnet: (1,6)-(1,9) Duplicate model 'Consumer.Models.Net': also declared at /p/b.dsnet(2,7); expected each model's full name (namespace and name) once in the project.",
                "DS2004 /p/b.dsnet: (1,6)-(1,9) Duplicate model 'Consumer.Models.Net': also declared at /p/a.dsnet(2,7); expected each model's full name (namespace and name) once in the project.",
            ],
            Describe(reported));
        Assert.Equal([".Other.g.cs"], result.Results.Single().GeneratedSources.Select(s => s.HintName[s.HintName.LastIndexOf(".Other", StringComparison.Ordinal)..]));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generator")]
    public void A_dsnet_model_and_a_Dsnet_class_of_the_same_full_name_get_DS2004_at_each(string? reporter)
    {
        AdditionalText[] files = [new InMemoryAdditionalText("/p/a.dsnet", "namespace App;\nmodel Net : ffn { input 2; hidden 2; output 1; }\n")];
        const string source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"ffn { input 3; hidden 2; output 1; }\")]\npublic partial class Net;\n";

        var (result, output, reported) = ReportingModes.Build(reporter, files, source);

        Assert.Equal(
            [
                "DS2004 /p/a.dsnet: (1,6)-(1,9) Duplicate model 'App.Net': also declared at Source0.cs(4,22); expected each model's full name (namespace and name) once in the project.",
                "DS2004 Source0.cs: (3,21)-(3,24) Duplicate model 'App.Net': also declared at /p/a.dsnet(2,7); expected each model's full name (namespace and name) once in the project.",
            ],
            Describe(reported));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("generator")]
    public void A_Dsnet_class_in_a_namespace_written_with_escaped_keywords_is_a_duplicate_of_the_dsnet_model_of_that_namespace(string? reporter)
    {
        AdditionalText[] files = [new InMemoryAdditionalText("/p/a.dsnet", "namespace @event.Models;\nmodel Net : ffn { input 2; hidden 2; output 1; }\n".Replace("@", string.Empty, StringComparison.Ordinal))];
        const string source = "using Deepstruct;\nnamespace @event.Models;\n[Dsnet(\"ffn { input 3; hidden 2; output 1; }\")]\npublic partial record Net;\n";

        var (_, _, reported) = ReportingModes.Build(reporter, files, source);

        Assert.Equal(
            [
                "DS2004 /p/a.dsnet: (1,6)-(1,9) Duplicate model 'event.Models.Net': also declared at Source0.cs(4,23); expected each model's full name (namespace and name) once in the project.",
                "DS2004 Source0.cs: (3,22)-(3,25) Duplicate model 'event.Models.Net': also declared at /p/a.dsnet(2,7); expected each model's full name (namespace and name) once in the project.",
                "DS3003 Source0.cs: (3,22)-(3,25) The class 'Net' is a record; [Dsnet] needs a non-abstract, non-static, non-generic, non-file-local class that is not nested in a generic type, without a primary constructor or a base class of its own",
            ],
            Describe(reported));
    }

    [Fact]
    public void Models_of_one_name_in_different_namespaces_are_not_duplicates()
    {
        AdditionalText[] files =
        [
            new InMemoryAdditionalText("/p/a.dsnet", "namespace A;\nmodel Net : ffn { input 2; hidden 2; output 1; }\n"),
            new InMemoryAdditionalText("/p/b.dsnet", "namespace B;\nmodel Net : ffn { input 2; hidden 2; output 1; }\n"),
        ];
        const string source = "using Deepstruct;\nnamespace C;\n[Dsnet(\"ffn { input 3; hidden 2; output 1; }\")]\npublic partial class Net;\n";

        var (result, output, diagnostics) = GeneratorHarness.Build(files, source);

        Assert.Empty(diagnostics);
        Assert.Equal(3, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToList();
}
