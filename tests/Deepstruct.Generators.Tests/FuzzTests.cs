using Deepstruct.Dsl.Tests.Language;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// The language fuzzer's inputs (FuzzInputs, shared with the front end's tests) through the
/// generator driver (reporting diagnostics or not) and the analyzer, as .dsnet files and as
/// [Dsnet] strings: nothing throws,
/// and nothing ends up as the generator's last-resort DS0001 or the compiler's CS8785/AD0001.
/// Runs 400 inputs by default, <c>DSNET_FUZZ_COUNT</c> if set.
/// </summary>
public class FuzzTests
{
    [Fact]
    public void Fuzzed_inputs_never_make_the_generator_or_the_analyzer_throw()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_COUNT"), out var requested) ? requested : 400;
        var random = new Random(20261123);
        var corpus = FuzzInputs.Corpus.Select(FuzzInputs.Tokens).ToArray();
        var inputs = FuzzInputs.Corpus.Concat(Enumerable.Range(0, count).Select(_ => FuzzInputs.Generate(random, corpus))).ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var source = "using Deepstruct;\nnamespace Fuzz;\n[Dsnet(@\"" + input.Replace("\"", "\"\"", StringComparison.Ordinal) + "\")]\npublic partial class Fuzzed;\n";
            var files = new[] { new InMemoryAdditionalText($"/fuzz/input{i}.dsnet", input) };
            // Every other input as a command-line build, where the generator reports the diagnostics itself.
            var (result, output) = GeneratorHarness.RunReportingFrom(i % 2 == 0 ? null : "generator", files, source);

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
    public void The_generated_code_of_every_valid_corpus_model_compiles()
    {
        // The language contract's must-compile example: ffn and dan (ParityTests compile cell_dan and rnn).
        var text = FuzzInputs.Corpus[0];
        var (result, output) = GeneratorHarness.RunFile("/fuzz/corpus.dsnet", text);

        Assert.Equal(5, result.Results.Single().GeneratedSources.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
