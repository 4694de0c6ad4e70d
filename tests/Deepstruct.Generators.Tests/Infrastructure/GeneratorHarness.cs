using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>Runs the generator and the analyzer over C# sources and .dsnet files, as a build would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        // The running framework plus the runtime (DsnetAttribute, the base classes) and TorchSharp.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal)
                || name is "mscorlib.dll" or "netstandard.dll" or "TorchSharp.dll" or "Deepstruct.Runtime.dll" or "Deepstruct.Dsl.dll"));
        return [.. paths.Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer",
        sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));

    /// <summary>The project's RootNamespace, as MSBuild hands it to the generator and the analyzer alike.</summary>
    public const string RootNamespace = "Consumer.Models";

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, string? rootNamespace = RootNamespace, string? diagnosticsReporter = null) =>
        CSharpGeneratorDriver.Create(
            [new DsnetGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            TestOptionsProvider.WithRootNamespace(rootNamespace, diagnosticsReporter),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator: the result, and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(IEnumerable<AdditionalText> files, params string[] sources) =>
        RunReportingFrom(diagnosticsReporter: null, files, sources);

    /// <summary>Runs the generator with <c>DeepstructDiagnosticsReporter</c> set as the package's props set it (null: unset, as outside MSBuild).</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) RunReportingFrom(string? diagnosticsReporter, IEnumerable<AdditionalText> files, params string[] sources)
    {
        var driver = Driver(files, diagnosticsReporter: diagnosticsReporter).RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    public static (GeneratorDriverRunResult Result, Compilation Output) RunFile(string path, string text, params string[] sources) =>
        Run([new InMemoryAdditionalText(path, text)], sources);

    /// <summary>The analyzer's diagnostics over the compilation (with the generated code) and the files.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, IEnumerable<AdditionalText> files, string? diagnosticsReporter = null) =>
        compilation
            .WithAnalyzers([new DsnetAnalyzer()], new AnalyzerOptions([.. files], TestOptionsProvider.WithRootNamespace(RootNamespace, diagnosticsReporter)))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Generator and analyzer together, as a build runs them: every DS diagnostic from either.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Build(IEnumerable<AdditionalText> files, params string[] sources)
    {
        var list = files.ToList();
        var (result, output) = Run(list, sources);
        var diagnostics = result.Diagnostics.AddRange(Analyze(output, list));
        return (result, output, diagnostics);
    }

    /// <summary>Emits the compilation into memory and loads it, failing on any diagnostic (warnings included).</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return Assembly.Load(stream.ToArray());
    }

    public static string GeneratedText(GeneratorDriverRunResult result, string hintSuffix) =>
        result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).SourceText.ToString();
}
