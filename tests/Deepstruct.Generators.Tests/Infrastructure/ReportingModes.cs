using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>
/// A build in one reporting mode (<c>DeepstructDiagnosticsReporter</c>: null for the IDE's analyzer,
/// <c>generator</c> for command-line builds): the DS diagnostics of whichever reports them, after
/// checking that the other stayed silent.
/// </summary>
internal static class ReportingModes
{
    public const string Generator = "generator";

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Reported) Build(string? reporter, AdditionalText[] files, params string[] sources)
    {
        var (result, output) = GeneratorHarness.RunReportingFrom(reporter, files, sources);
        var analyzed = GeneratorHarness.Analyze(output, files, reporter).Where(IsDs).ToImmutableArray();
        var generated = result.Diagnostics.Where(IsDs).ToImmutableArray();
        Assert.Empty(reporter == Generator ? analyzed : generated);
        return (result, output, reporter == Generator ? generated : analyzed);
    }

    private static bool IsDs(Diagnostic diagnostic) => diagnostic.Id.StartsWith("DS", StringComparison.Ordinal);
}
