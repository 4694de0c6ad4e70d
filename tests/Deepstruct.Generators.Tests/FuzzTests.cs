using System.Collections.Immutable;
using System.Globalization;
using Deepstruct.Dsl.Tests.Language;
using Deepstruct.Generators.Pipeline;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// The generator and the analyzer under fuzzed input. Two fuzzers:
/// <list type="bullet">
/// <item>The language fuzzer's inputs (FuzzInputs, shared with the front end's tests) as .dsnet
/// files and [Dsnet] strings: nothing throws, nothing ends up as DS0001, CS8785/CS8784 or AD0001.</item>
/// <item>Fuzzed projects (<see cref="FuzzProjects"/>): the C# side varied too. The generated code of
/// every accepted model compiles (the generator adds no C# error or warning to the project), bad
/// input gets DS diagnostics located in their files, the analyzer (IDE) and the generator
/// (command line) report the same, and each input stays within a time and allocation budget.</item>
/// </list>
/// The default run takes seconds. A long run, e.g. before a release or after changing the pipeline:
/// <code>
/// DSNET_FUZZ_COUNT=20000 DSNET_FUZZ_PROJECTS=5000 DSNET_FUZZ_SEED=7 \
///   dotnet test tests/Deepstruct.Generators.Tests --filter FullyQualifiedName~FuzzTests
/// </code>
/// <c>DSNET_FUZZ_COUNT</c>: language inputs (400); <c>DSNET_FUZZ_PROJECTS</c>: projects (60);
/// <c>DSNET_FUZZ_SEED</c>: the seed of both (a failure names its seed and input);
/// <c>DSNET_FUZZ_MAX_MB</c> / <c>DSNET_FUZZ_MAX_SECONDS</c>: the per-input budget (1024 MB, 120 s:
/// hang and blow-up guards, not benchmarks).
/// </summary>
public class FuzzTests
{
    private static readonly long MaxBytes = Setting("DSNET_FUZZ_MAX_MB", 1024) * 1024L * 1024L;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(Setting("DSNET_FUZZ_MAX_SECONDS", 120));

    [Fact]
    public void Fuzzed_inputs_never_make_the_generator_or_the_analyzer_throw()
    {
        var count = Setting("DSNET_FUZZ_COUNT", 400);
        var seed = Setting("DSNET_FUZZ_SEED", 20261123);
        var random = new Random(seed);
        var corpus = FuzzInputs.Corpus.Select(FuzzInputs.Tokens).ToArray();
        var inputs = FuzzInputs.Corpus.Concat(Enumerable.Range(0, count).Select(_ => FuzzInputs.Generate(random, corpus))).ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var source = "using Deepstruct;\nnamespace Fuzz;\n[Dsnet(@\"" + input.Replace("\"", "\"\"", StringComparison.Ordinal) + "\")]\npublic partial class Fuzzed;\n";
            var files = new[] { new InMemoryAdditionalText($"/fuzz/input{i}.dsnet", input) };
            // Every other input as a command-line build, where the generator reports the diagnostics itself.
            var (result, output) = WithinBudget($"seed {seed}, input {i}:\n{input}", () => GeneratorHarness.RunReportingFrom(i % 2 == 0 ? null : "generator", files, source));

            Assert.All(result.Results, generator => Assert.Null(generator.Exception));
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DS0001");
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS8785" or "CS8784");

            // The analyzer is the slower half; every fourth input is plenty to show it holds too.
            if (i % 4 == 0)
            {
                var diagnostics = GeneratorHarness.Analyze(output, files);
                Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
                Assert.All(diagnostics.Where(d => d.Location.IsInSource), d => Assert.InRange(d.Location.SourceSpan.End, 0, source.Length));
            }
        }
    }

    [Fact]
    public void Fuzzed_projects_compile_or_get_DS_diagnostics_and_the_generator_never_throws()
    {
        var count = Setting("DSNET_FUZZ_PROJECTS", 60);
        var seed = Setting("DSNET_FUZZ_SEED", 20261201);
        var random = new Random(seed);
        var corpus = FuzzInputs.Corpus.Select(FuzzInputs.Tokens).ToArray();
        for (var i = 0; i < count; i++)
        {
            var project = FuzzProjects.Generate(random, corpus);
            var context = $"seed {seed}, project {i}\n{project.Describe()}";
            var reporter = i % 2 == 0 ? ReportingModes.Generator : null;
            var (result, output) = WithinBudget(context, () => GeneratorHarness.RunReportingFrom(reporter, project.Files, project.Sources));

            Assert.True(result.Results.All(generator => generator.Exception is null), context + "\n" + result.Results.Single().Exception);
            var reported = reporter == ReportingModes.Generator ? result.Diagnostics : GeneratorHarness.Analyze(output, project.Files, reporter);
            Assert.True(!reported.Any(d => d.Id is "DS0001" or "AD0001"), context + "\n" + string.Join("\n", reported));
            Assert.True(!output.GetDiagnostics().Any(d => d.Id is "CS8785" or "CS8784"), context);
            AssertLocatedInTheirFiles(project, reported, context);

            // What the generator adds compiles: it brings no C# error (nor warning: they are errors here) of its own.
            {
                var added = AddedErrors(GeneratorHarness.Compilation(project.Sources), output);
                Assert.True(added.Count == 0, context + "\nerrors the generated code brought:\n" + string.Join("\n", added) + "\nDS: " + string.Join("\n", reported));
            }

            // Without a DS error, every model is generated onto its class: none is dropped silently.
            if (!reported.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("DS", StringComparison.Ordinal)))
            {
                var missing = ModelNames(project).Where(name => output.GetTypeByMetadataName(name)?.BaseType?.ContainingNamespace.ToDisplayString() != "Deepstruct").ToList();
                Assert.True(missing.Count == 0, context + "\nno model generated for: " + string.Join(", ", missing));
            }

            // Both reporting modes give the same diagnostics (every third project: it costs a second run).
            if (i % 3 == 0)
            {
                var other = reporter == ReportingModes.Generator ? null : ReportingModes.Generator;
                var (_, _, otherReported) = ReportingModes.Build(other, project.Files, project.Sources);
                Assert.True(Describe(reported).SequenceEqual(Describe(otherReported)), context + "\none mode:\n" + string.Join("\n", Describe(reported)) + "\nthe other:\n" + string.Join("\n", Describe(otherReported)));
            }
        }
    }

    [Fact]
    public void The_generated_code_of_every_valid_corpus_model_compiles()
    {
        // The language contract's must-compile example: ffn and dan (ParityTests compile cell_dan and rnn).
        var text = FuzzInputs.Corpus[0];
        var (result, output) = GeneratorHarness.RunFile("/fuzz/corpus.dsnet", text);

        Assert.Equal(5, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// Runs one input under the budget: a hang guard (the input fails the test instead of stalling
    /// it) and an allocation cap, measured on the thread that runs the generator.
    /// </summary>
    private static T WithinBudget<T>(string context, Func<T> run)
    {
        var task = Task.Factory.StartNew(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var value = run();
                return (Value: value, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(task.Wait(MaxTime), $"over the time budget of {MaxTime.TotalSeconds} s: {context}");
        var (value, allocated) = task.Result;
        Assert.True(allocated <= MaxBytes, $"allocated {allocated / (1024 * 1024)} MB, over the budget of {MaxBytes / (1024 * 1024)} MB: {context}");
        return value;
    }

    private static void AssertLocatedInTheirFiles(FuzzProject project, ImmutableArray<Diagnostic> diagnostics, string context)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal)))
        {
            var span = diagnostic.Location.GetLineSpan();
            var length = project.Files.FirstOrDefault(file => file.Path == span.Path)?.GetText().Length
                ?? (span.Path.StartsWith("Source", StringComparison.Ordinal) && int.TryParse(span.Path["Source".Length..^".cs".Length], out var index) && index < project.Sources.Length
                    ? project.Sources[index].Length
                    : -1);
            Assert.True(length >= 0 && diagnostic.Location.SourceSpan.End <= length, $"{diagnostic} is not inside its file\n{context}");
        }
    }

    /// <summary>The metadata names of every model the project declares: .dsnet models and [Dsnet] types.</summary>
    private static IEnumerable<string> ModelNames(FuzzProject project)
    {
        foreach (var file in project.Files)
        {
            var text = file.GetText();
            foreach (var declaration in ModelDeclarations.OfFile(file.Path, text, Deepstruct.Binding.DsnetCompiler.Compile(text.ToString()), GeneratorHarness.RootNamespace))
            {
                yield return declaration.FullName;
            }
        }

        var compilation = GeneratorHarness.Compilation(project.Sources);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type && type.GetAttributes().Any(a => a.AttributeClass?.Name == "DsnetAttribute"))
                {
                    yield return DsnetClassReader.MetadataName(type);
                }
            }
        }
    }

    /// <summary>Errors of <paramref name="output"/> (the project with the generated code) that the project alone does not have.</summary>
    private static List<Diagnostic> AddedErrors(Compilation input, Compilation output)
    {
        static string Key(Diagnostic d) => d.Id + " " + d.Location.GetLineSpan().Path + " " + d.Location.SourceSpan;
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            return errors;
        }

        var before = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet(StringComparer.Ordinal);
        return errors.Where(d => !before.Contains(Key(d))).ToList();
    }

    private static List<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal))
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} [{d.Location.SourceSpan}] {d.GetMessage(CultureInfo.InvariantCulture)}")
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToList();

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
