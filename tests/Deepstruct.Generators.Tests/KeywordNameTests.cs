using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// Models, namespaces, containing types and vertices named with C# keywords (reserved or contextual,
/// and all-lowercase names the compiler warns about) are escaped with <c>@</c> wherever the generated
/// code names them, so the generated code compiles without a diagnostic at the highest warning level.
/// </summary>
public class KeywordNameTests
{
    // Reserved keywords, contextual keywords that may not name a type (file, required, scoped, record)
    // or are lowercase (CS8981), and a name that is only a keyword in newer C# (field, extension).
    public static TheoryData<string> Names => new()
    {
        "class", "int", "namespace", "out", "var", "record", "partial", "file", "required", "scoped", "global", "dynamic", "field",
        "extension", "value", "net", "_",
    };

    private static List<Diagnostic> Problems(Compilation output) =>
        output.WithOptions(((CSharpCompilationOptions)output.Options).WithWarningLevel(9999)).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    [Theory]
    [MemberData(nameof(Names))]
    public void A_dsnet_model_and_namespace_named_with_a_keyword_compile(string name)
    {
        var text = "namespace " + name + ".int;\nstructure " + name + "S { " + name + " -> b; b -> c; }\nmodel " + name + " : dan { input 2; output 1; structure " + name + "S; }\n"
            + "model Other : ffn { input 2; hidden 2; output 1; }\n";
        var user = "public static class Use\n{\n    public static object Make() => new global::@" + name + ".@int.@" + name + "();\n"
            + "    public static int Vertex => global::@" + name + ".@int.@" + name + ".Vertices.@" + name + " + global::@" + name + ".@int.Other.Spec.InputSize;\n}\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([new InMemoryAdditionalText("/p/k.dsnet", text)], user);

        Assert.Empty(diagnostics);
        Assert.Equal(2, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(Problems(output));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_Dsnet_class_named_with_a_keyword_in_a_keyword_namespace_compiles(string name)
    {
        var source = "using Deepstruct;\nnamespace @" + name + ".@int\n{\n    public static partial class @" + name + "Outer\n    {\n        public partial class @event\n        {\n"
            + "            [Dsnet(\"dan { input 2; output 1; structure { " + name + " -> b; } }\")]\n            public partial class @" + name + ";\n        }\n    }\n"
            + "    public static class Use\n    {\n        public static object Make() => new @" + name + "Outer.@event.@" + name + "();\n"
            + "        public static int Vertex => @" + name + "Outer.@event.@" + name + ".Vertices.@" + name + ";\n    }\n}\n";
        var (result, output, diagnostics) = GeneratorHarness.Build([], source);

        Assert.Empty(diagnostics);
        Assert.Single(result.Results.Single().GeneratedSources);
        Assert.Empty(Problems(output));
    }
}
