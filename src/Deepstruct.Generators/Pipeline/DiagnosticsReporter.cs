using Microsoft.CodeAnalysis.Diagnostics;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Which of the analyzer and the generator reports the DS diagnostics, so that each appears once.
/// The compiler skips analyzers once a compilation has C# errors, and a broken model causes exactly
/// those (its class is missing wherever it is used): command-line builds therefore take them from
/// the generator. The IDE (design-time builds) and hosts without the package's props take them from
/// the analyzer. The package's <c>build/Deepstruct.props</c> sets the MSBuild property.
/// </summary>
internal static class DiagnosticsReporter
{
    /// <summary>The MSBuild property, <c>generator</c> or <c>analyzer</c>, as the compiler sees it.</summary>
    public const string Property = "build_property.DeepstructDiagnosticsReporter";

    public const string Generator = "generator";

    public static bool IsGenerator(AnalyzerConfigOptions globalOptions) =>
        globalOptions.TryGetValue(Property, out var value) && string.Equals(value?.Trim(), Generator, System.StringComparison.OrdinalIgnoreCase);
}
