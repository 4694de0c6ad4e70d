using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// Names and class shapes the generated code cannot live with are DS diagnostics at the user's
/// text, and everything else compiles: the generated code never fails with a C# error of its own.
/// </summary>
public class NamingTests
{
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["dan"] = "dan { input 4; output 2; structure { a -> b -> c; a -> c; } }",
        ["ffn"] = "ffn { input 4; hidden 3; output 2; }",
        ["cell_dan"] = "cell_dan { input 2x4x4; output 2; structure { a -> b; } }",
        ["rnn"] = "rnn { input 3; hidden 4; }",
    };

    private static string CellFactory(string? @namespace, string name) =>
        (@namespace is null ? string.Empty : "namespace " + @namespace + ";\n")
        + "public partial class " + name + "\n{\n    private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) =>\n"
        + "        TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 1);\n}\n";

    private static List<Diagnostic> Errors(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    [Theory]
    [InlineData("Main1", "dan")]
    [InlineData("Skip0To2", "dan")]
    [InlineData("Vertices", "dan")]
    [InlineData("Spec", "ffn")]
    [InlineData("Hidden1", "ffn")]
    [InlineData("OutputMap", "ffn")]
    [InlineData("BuildCell", "cell_dan")]
    [InlineData("CreateCell", "cell_dan")]
    [InlineData("Spec", "rnn")]
    public void A_Dsnet_class_named_like_a_generated_member_gets_DS3002_at_its_name(string name, string kind)
    {
        var source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"" + Bodies[kind] + "\")]\npublic partial class " + name + ";\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS3002", diagnostic.Id);
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("rename the class", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    [Theory]
    [InlineData("Main1", "dan")]
    [InlineData("Vertices", "dan")]
    [InlineData("Spec", "ffn")]
    [InlineData("Hidden1", "ffn")]
    [InlineData("CreateCell", "cell_dan")]
    public void A_dsnet_model_named_like_a_generated_member_gets_DS3002_at_its_name(string name, string kind)
    {
        var body = Bodies[kind];
        var text = "namespace App;\nmodel " + name + " : " + body.Replace(kind + " {", kind + " {", StringComparison.Ordinal) + "\nmodel Other : ffn { input 2; hidden 2; output 1; }\n";
        var files = new[] { new InMemoryAdditionalText("/p/names.dsnet", text) };
        var (result, output, diagnostics) = GeneratorHarness.Build(files);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DS3002", diagnostic.Id);
        Assert.Equal("/p/names.dsnet", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(name, text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("rename the model", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The other model of the file is still generated.
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    // Former statics of the generated class, now in Spec: a model may be named like them.
    [Theory]
    [InlineData("InputSize", "dan")]
    [InlineData("Structure", "dan")]
    [InlineData("LayerSizes", "ffn")]
    [InlineData("OutputSize", "cell_dan")]
    [InlineData("InputShape", "rnn")]
    [InlineData("Vertices", "ffn")]
    public void A_model_named_like_a_fact_of_its_base_class_compiles(string name, string kind)
    {
        var source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"" + Bodies[kind] + "\")]\npublic partial class " + name + ";\n"
            + "public static class Use { public static object Make() => new " + name + "(); }\n";
        var files = new[] { new InMemoryAdditionalText("/p/m.dsnet", "namespace Files;\nmodel " + name + " : " + Bodies[kind] + "\n") };
        var sources = kind == "cell_dan" ? new[] { source, CellFactory("App", name), CellFactory("Files", name) } : new[] { source };
        var (result, output, diagnostics) = GeneratorHarness.Build(files, sources);

        Assert.Empty(diagnostics);
        Assert.Equal(2, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(Errors(output));
    }

    [Theory]
    [InlineData("public partial class Net(int size) { public int Size => size; }", "(int size)")]
    [InlineData("public partial class Net();", "()")]
    public void A_Dsnet_class_with_a_primary_constructor_gets_DS3003_at_its_parameters(string declaration, string at)
    {
        var source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\n" + declaration + "\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS3003", diagnostic.Id);
        Assert.Contains("primary constructor", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(at, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void A_Dsnet_class_with_a_base_class_of_its_own_gets_DS3003_at_the_base_class()
    {
        const string source = "using Deepstruct;\nnamespace App;\npublic class Other { }\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic partial class Net : Other;\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS3003", diagnostic.Id);
        Assert.Contains("MaskedDeepFfn", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Other", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void A_Dsnet_class_that_names_its_own_base_class_compiles()
    {
        const string source = "using Deepstruct;\nnamespace App;\n[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\npublic partial class Net : MaskedDeepFfn;\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        Assert.Empty(diagnostics);
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    // A file-local class cannot have a part in the generated file (CS0260 there otherwise).
    [Theory]
    [InlineData("[Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\nfile partial class Net;", "Net")]
    [InlineData("file static partial class Outer\n{\n    [Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\n    public partial class Net;\n}", "Net")]
    public void A_file_local_Dsnet_class_gets_DS3003(string declaration, string at)
    {
        var source = "using Deepstruct;\nnamespace App;\n" + declaration + "\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id.StartsWith("DS", StringComparison.Ordinal));
        Assert.Equal("DS3003", diagnostic.Id);
        Assert.Contains("file-local", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(at, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output));
    }

    [Theory]
    [InlineData("public static partial class Outer")]
    [InlineData("public abstract partial class Outer")]
    [InlineData("public sealed partial class Outer")]
    [InlineData("public partial record Outer")]
    [InlineData("public partial record struct Outer")]
    [InlineData("public readonly partial struct Outer")]
    [InlineData("public ref partial struct Outer")]
    [InlineData("public partial interface Outer")]
    [InlineData("internal unsafe partial class Outer")]
    public void A_Dsnet_class_nested_in_any_kind_of_type_compiles(string outer)
    {
        var source = "using Deepstruct;\nnamespace App;\n" + outer + "\n{\n    [Dsnet(\"ffn { input 2; hidden 2; output 1; }\")]\n    public partial class Net;\n}\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        Assert.Empty(diagnostics);
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(Errors(output.WithOptions(((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)output.Options).WithAllowUnsafe(true))));
    }
}

