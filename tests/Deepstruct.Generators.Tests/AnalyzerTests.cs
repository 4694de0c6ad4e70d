using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Deepstruct.Generators.Tests;

/// <summary>The analyzer through Microsoft.CodeAnalysis.CSharp.Analyzer.Testing, with .dsnet files as AdditionalFiles.</summary>
public class AnalyzerTests
{
    private static CSharpAnalyzerTest<DsnetAnalyzer, DefaultVerifier> Test(string source)
    {
        var test = new CSharpAnalyzerTest<DsnetAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            // No reference package (nothing is downloaded): the running framework's assemblies are added below.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Infrastructure.GeneratorHarness.References);
        return test;
    }

    [Fact]
    public async Task A_cycle_in_an_additional_file_is_reported_at_its_edge()
    {
        var test = Test("class C { }");
        test.TestState.AdditionalFiles.Add(("/0/models/loop.dsnet", "structure S {\n    a -> b;\n    b -> c;\n    c -> a;\n}\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("DS2001", DiagnosticSeverity.Error)
            .WithSpan("/0/models/loop.dsnet", 4, 5, 4, 11)
            .WithMessage("The structure is not a DAG: found the cycle a -> b -> c -> a, expected no path from a vertex back to itself."));

        await test.RunAsync();
    }

    [Fact]
    public async Task A_valid_file_and_a_valid_class_report_nothing()
    {
        var test = Test("""
            [Deepstruct.Dsnet(@"ffn { input 4; hidden 3; output 2; }")]
            public partial class Net;
            """);
        test.TestState.AdditionalFiles.Add(("/0/models/ok.dsnet", "model M : dan { input 4; output 2; structure path(3); }"));

        await test.RunAsync();
    }

    [Fact]
    public async Task Diagnostics_inside_a_Dsnet_string_use_markup_spans()
    {
        var test = Test("""
            [Deepstruct.Dsnet("dan { input 4; output 2; structure {|DS2003:balanced_tre|}(2, 3); }")]
            public partial class Net;

            [Deepstruct.Dsnet("ffn { input 4; hidden 2; output 1; }")]
            public class {|DS3001:Plain|} { }
            """);

        await test.RunAsync();
    }

    [Fact]
    public async Task Other_additional_files_are_ignored()
    {
        var test = Test("class C { }");
        test.TestState.AdditionalFiles.Add(("/0/notes.txt", "structure S { a -> a; }"));

        await test.RunAsync();
    }
}
