using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>Analyzer config options with a chosen set of global properties (build_property.RootNamespace, build_property.DeepstructDiagnosticsReporter).</summary>
internal sealed class TestOptionsProvider(ImmutableDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    private static readonly TestOptions Empty = new(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    public static TestOptionsProvider WithRootNamespace(string? rootNamespace, string? diagnosticsReporter = null)
    {
        var globals = ImmutableDictionary<string, string>.Empty;
        if (rootNamespace is not null)
        {
            globals = globals.Add("build_property.RootNamespace", rootNamespace);
        }

        if (diagnosticsReporter is not null)
        {
            globals = globals.Add("build_property.DeepstructDiagnosticsReporter", diagnosticsReporter);
        }

        return new(globals);
    }

    private sealed class TestOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
