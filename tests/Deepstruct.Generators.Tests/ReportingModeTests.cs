using Deepstruct.Dsl.Tests.Language;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// The compiler skips analyzers once C# errors exist, and a broken model brings exactly those where
/// its class is used; so command-line builds (DeepstructDiagnosticsReporter = generator, set by the
/// package's props) take the DS diagnostics from the generator, and the IDE from the analyzer. Both
/// must give the same diagnostics, and never both at once.
/// </summary>
public class ReportingModeTests
{
    private const string Generator = "generator";

    public static TheoryData<string> ClassCases => new()
    {
        "[Dsnet(\"dan { input 4; output 2; structure balanced_tre(2, 3); }\")]\npublic partial class Net;",
        "[Dsnet(@\"dan { input 4; output 2; /* \"\"x\"\" */ structure { a -> b -> a; } }\")]\npublic partial class Net;",
        "[Dsnet(\"\"\"\n    ffn { input 2; hidden 0; output 1; }\n    \"\"\")]\npublic partial class Net;",
        "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic class Net { }",
        "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic abstract partial class Net { }",
        "[Dsnet(\"dan { input 4; output 2; structure { a -> b -> c; } }\")]\npublic partial class Net\n{\n    public int Main1 => 1;\n}",
        "[Dsnet(\"dan { input 4; output 2; structure { vertex a, b, c; a -> b; } }\")]\npublic partial class Net;",
        "[Dsnet(\"dan { input 4; output 2; structure { a -> b -> c; } }\")]\npublic partial class Main1;",
        "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic partial class Net(int size) { public int Size => size; }",
        "public class Other { }\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic partial class Net : Other;",
        "[Dsnet(\"cell_dan { input 2x4x4; output 2; structure { a -> b; } }\")]\npublic partial class Net;",
        "[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\nfile partial class Net;",
    };

    public static TheoryData<string> FileCases => new()
    {
        "namespace App;\nmodel Spec : ffn { input 2; hidden 2; output 1; }\n",
        "namespace App;\nmodel Cells : cell_dan { input 2x4x4; output 2; structure { a -> b; } }\n",
    };

    [Theory]
    [MemberData(nameof(RejectedCases.All), MemberType = typeof(RejectedCases))]
    public void A_dsnet_file_gets_the_same_diagnostics_from_the_generator_as_from_the_analyzer(string text, string id, int line, int column)
    {
        var files = new[] { new InMemoryAdditionalText("/p/models/bad.dsnet", text) };

        var fromAnalyzer = Reported(files, reporter: null, []);
        var fromGenerator = Reported(files, Generator, []);

        Assert.Contains(fromGenerator, d => d.Id == id && d.Location.GetLineSpan().StartLinePosition == new Microsoft.CodeAnalysis.Text.LinePosition(line - 1, column - 1));
        Assert.Equal(Describe(fromAnalyzer), Describe(fromGenerator));
    }

    [Theory]
    [MemberData(nameof(FileCases))]
    public void A_dsnet_file_with_a_CSharp_level_mistake_gets_the_same_diagnostics_from_the_generator_as_from_the_analyzer(string text)
    {
        var files = new[] { new InMemoryAdditionalText("/p/models/m.dsnet", text) };

        var fromAnalyzer = Reported(files, reporter: null, []);
        var fromGenerator = Reported(files, Generator, []);

        Assert.NotEmpty(fromGenerator);
        Assert.Equal(Describe(fromAnalyzer), Describe(fromGenerator));
    }

    [Theory]
    [MemberData(nameof(ClassCases))]
    public void A_Dsnet_class_gets_the_same_diagnostics_from_the_generator_as_from_the_analyzer(string declaration)
    {
        var source = "using Deepstruct;\nnamespace App;\n" + declaration + "\n";

        var fromAnalyzer = Reported([], reporter: null, [source]);
        var fromGenerator = Reported([], Generator, [source]);

        Assert.NotEmpty(fromGenerator);
        Assert.Equal(Describe(fromAnalyzer), Describe(fromGenerator));
    }

    [Fact]
    public void A_broken_model_used_in_CSharp_is_still_reported_by_the_generator()
    {
        var files = new[] { new InMemoryAdditionalText("/p/loop.dsnet", "namespace App;\nmodel Loop : dan { input 2; output 1; structure { a -> b -> a; } }\n") };
        var (result, output) = GeneratorHarness.RunReportingFrom(Generator, files, "namespace App; static class Use { static object Make() => new Loop(); }");

        // The C# error the missing class causes (which makes csc skip analyzers) does not hide the cause.
        Assert.Contains(output.GetDiagnostics(), d => d.Id == "CS0246");
        var cycle = Assert.Single(result.Diagnostics);
        Assert.Equal("DS2001", cycle.Id);
        Assert.Equal(("/p/loop.dsnet", 1), (cycle.Location.GetLineSpan().Path, cycle.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Empty(GeneratorHarness.Analyze(output, files, Generator));
    }

    /// <summary>The DS diagnostics of a build in one mode, asserting the other reporter stayed silent.</summary>
    private static List<Diagnostic> Reported(InMemoryAdditionalText[] files, string? reporter, string[] sources)
    {
        var (result, output) = GeneratorHarness.RunReportingFrom(reporter, files, sources);
        var analyzed = GeneratorHarness.Analyze(output, files, reporter).Where(IsDs).ToList();
        var generated = result.Diagnostics.Where(IsDs).ToList();
        Assert.Empty(reporter == Generator ? analyzed : generated);
        return reporter == Generator ? generated : analyzed;
    }

    private static bool IsDs(Diagnostic diagnostic) => diagnostic.Id.StartsWith("DS", StringComparison.Ordinal);

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {d.Severity} {d.Location.GetLineSpan()} [{d.Location.SourceSpan}] {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToList();
}
