using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// A <c>cell_dan</c> model needs the user's <c>CreateCell</c>. Without it (or with one of another
/// signature) the model is DS3005 at its text and no class is generated, rather than CS8795 inside
/// generated code.
/// </summary>
public class CellFactoryTests
{
    private const string Body = "cell_dan { input 2x4x4; output 2; structure { a -> b; } }";

    private const string Factory = "    private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) =>\n"
        + "        TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 1);\n";

    private static List<Diagnostic> GeneratedCodeProblems(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && tree.FilePath.Contains("DsnetGenerator", StringComparison.Ordinal)).ToList();

    [Fact]
    public void A_Dsnet_cell_dan_class_without_CreateCell_gets_DS3005_at_its_model()
    {
        const string source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"" + Body + "\")]\npublic partial class Cells;\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS3005", diagnostic.Id);
        Assert.Equal("cell_dan", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("CreateCell(CellSpec cell)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_dsnet_cell_dan_model_without_CreateCell_gets_DS3005_at_its_name()
    {
        const string text = "namespace App;\nmodel Other : ffn { input 2; hidden 2; output 1; }\nmodel Cells : " + Body + "\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("/p/cells.dsnet", text)], "namespace App;\npublic partial class Unrelated { }\n");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS3005", diagnostic.Id);
        Assert.Equal("/p/cells.dsnet", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("Cells", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("App.Cells", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(result.Results.Single().GeneratedSources);   // Other
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    // A partial class of the right name but in another namespace, or a CreateCell of another signature, is not the factory.
    [Theory]
    [InlineData("namespace Elsewhere;\npublic partial class Cells\n{\n" + Factory + "}\n")]
    [InlineData("namespace App;\npublic partial class Cells\n{\n    private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(int cell) => null!;\n}\n")]
    [InlineData("namespace App;\npublic partial class Cells\n{\n    private TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) => null!;\n}\n")]
    public void Only_the_CreateCell_the_generated_code_declares_counts_as_the_factory(string user)
    {
        var (result, output, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("/p/cells.dsnet", "namespace App;\nmodel Cells : " + Body + "\n")], user);
        var (classResult, classOutput, classDiagnostics) = GeneratorHarness.Build([], "using Deepstruct;\nnamespace App;\n[Dsnet(\"" + Body + "\")]\npublic partial class Cells;\n", user);

        Assert.Equal("DS3005", Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal)).Id);
        Assert.Equal("DS3005", Assert.Single(classDiagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal)).Id);
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(classResult.Results.Single().GeneratedSources);
        Assert.Empty(GeneratedCodeProblems(output));
        Assert.Empty(GeneratedCodeProblems(classOutput));
    }

    [Theory]
    [InlineData("namespace App;\npublic partial class Cells\n{\n" + Factory + "}\n")]
    [InlineData("namespace App\n{\n    using TorchSharp;\n    using static TorchSharp.torch;\n    partial class Cells\n    {\n        private partial nn.Module<Tensor, Tensor> CreateCell(Deepstruct.CellSpec cell) => nn.Identity();\n    }\n}\n")]
    [InlineData("namespace @class.@int;\npublic partial class Cells\n{\n" + Factory + "}\n", "class.int")]
    public void A_cell_dan_model_with_its_CreateCell_in_another_file_is_generated(string user, string @namespace = "App")
    {
        var (result, output, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("/p/cells.dsnet", "namespace " + @namespace + ";\nmodel Cells : " + Body + "\n")], user);

        Assert.Empty(diagnostics);
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Writing_CreateCell_later_generates_the_model_on_the_next_run()
    {
        var files = new[] { new InMemoryAdditionalText("/p/cells.dsnet", "namespace App;\nmodel FileCells : " + Body + "\n") };
        var compilation = GeneratorHarness.Compilation("using Deepstruct;\nnamespace App;\n[Dsnet(\"" + Body + "\")]\npublic partial class Cells;\n");
        var driver = GeneratorHarness.Driver(files, diagnosticsReporter: "generator").RunGenerators(compilation);
        Assert.Equal(["DS3005", "DS3005"], driver.GetRunResult().Diagnostics.Select(d => d.Id));

        var implementations = "namespace App;\npublic partial class Cells\n{\n" + Factory + "}\npublic partial class FileCells\n{\n" + Factory + "}\n";
        compilation = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(implementations, GeneratorHarness.ParseOptions, path: "Later.cs"));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(2, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
