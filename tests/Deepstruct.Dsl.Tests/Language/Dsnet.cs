using Deepstruct.Binding;
using Deepstruct.Diagnostics;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>Helpers shared by the language tests.</summary>
internal static class Dsnet
{
    public static DsnetCompilation Compile(string source) => DsnetCompiler.Compile(source);

    public static BoundStructure Structure(string source, string name = "S")
    {
        var result = DsnetCompiler.Compile(source);
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        return result.Structures[name];
    }

    public static IEnumerable<(int, int)> Edges(BoundStructure structure) =>
        structure.Structure.Edges.Select(edge => (edge.Source, edge.Target));

    public static Diagnostic SingleError(string source) =>
        Assert.Single(DsnetCompiler.Compile(source).Diagnostics, diagnostic => diagnostic.IsError);
}
