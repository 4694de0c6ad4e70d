using System.Text;
using Deepstruct.Binding;
using Deepstruct.Diagnostics;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// Mutation fuzzing of the front end: valid files with tokens deleted, duplicated, swapped,
/// replaced and truncated; random bytes; deep nesting; huge numbers; long sums and reference
/// chains; a 10 MB file. No exception may escape, and every diagnostic must be located inside the
/// text with a line and column that agree with its offset. Runs 3,000 inputs by default and as
/// many as <c>DSNET_FUZZ_COUNT</c> asks (e.g. 100000), from the seed <c>DSNET_FUZZ_SEED</c> if given.
/// </summary>
public class FuzzTests
{
    [Fact]
    public void Mutated_and_random_inputs_never_throw_and_every_diagnostic_is_located()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_COUNT"), out var requested) ? requested : 3000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_SEED"), out var requestedSeed) ? requestedSeed : 20261123;
        var random = new Random(seed);
        var tokenized = FuzzInputs.Corpus.Select(FuzzInputs.Tokens).ToArray();
        for (var i = 0; i < count; i++)
        {
            var input = FuzzInputs.Generate(random, tokenized);
            CheckCompile(input);
            CheckAttribute(input);
        }
    }

    [Fact]
    public void A_ten_megabyte_file_is_compiled_within_the_limits()
    {
        var text = new StringBuilder("structure Big {\n");
        var line = 0;
        while (text.Length < 10 * 1024 * 1024)
        {
            text.Append('v').Append(line).Append(" -> v").Append(line + 1).Append(";\n");
            line++;
        }

        text.Append("}\n");
        var result = CheckCompile(text.ToString());

        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        Assert.Equal(line, result.Structures["Big"].Structure.EdgeCount);
    }

    [Fact]
    public void Ten_megabytes_of_random_text_give_a_bounded_number_of_located_diagnostics()
    {
        var result = CheckCompile(FuzzInputs.RandomText(new Random(5), 10 * 1024 * 1024));

        Assert.InRange(result.Diagnostics.Count, 1, DiagnosticBag.MaximumCount);
    }

    [Theory]
    [InlineData('(')]
    [InlineData('{')]
    [InlineData('[')]
    public void Nesting_a_million_levels_deep_is_one_located_error(char open)
    {
        var text = "structure S = " + new string(open, 1_000_000);
        var result = CheckCompile(text);

        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Id == "DS1001");
    }

    [Fact]
    public void A_sum_of_a_hundred_thousand_terms_binds_without_recursion()
    {
        var text = "structure S = " + string.Join(" + ", Enumerable.Repeat("path(2)", 100_000)) + ";";
        var result = CheckCompile(text);

        Assert.Equal(200_000, result.Structures["S"].Structure.VertexCount);
    }

    [Fact]
    public void A_long_chain_of_structure_references_is_refused_at_the_nesting_limit()
    {
        var text = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"structure S{i} = S{i + 1};\n")) + "structure S10000 = path(2);";
        var result = CheckCompile(text);

        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Id == "DS1001" && diagnostic.Message.Contains("64"));
    }

    [Fact]
    public void Naming_a_large_structure_many_times_is_bounded_by_the_compilation_budget()
    {
        var text = "structure A = complete(1000);\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"structure B{i} = A + A;\n"));
        var result = CheckCompile(text);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DS2008", error.Id);
        Assert.Contains("in all", error.Message);
    }

    [Fact]
    public void A_file_of_garbage_reports_a_bounded_number_of_diagnostics()
    {
        var text = string.Concat(Enumerable.Repeat("x y; ", 100_000));
        var result = CheckCompile(text);

        Assert.Equal(DiagnosticBag.MaximumCount, result.Diagnostics.Count);
    }

    private static DsnetCompilation CheckCompile(string text)
    {
        var result = DsnetCompiler.Compile(text);
        CheckLocated(text, result);
        return result;
    }

    private static void CheckAttribute(string text) => CheckLocated(text, DsnetCompiler.CompileModel(text, "Fuzzed"));

    private static void CheckLocated(string text, DsnetCompilation result)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Span;
            Assert.True(span.Offset >= 0 && span.Length >= 0 && span.End <= text.Length, $"{diagnostic} lies outside the text of {text.Length} characters");
            var line = lineStarts.BinarySearch(span.Offset);
            line = line >= 0 ? line : ~line - 1;
            Assert.True(line + 1 == span.Line && span.Offset - lineStarts[line] + 1 == span.Column, $"{diagnostic} has a line and column that disagree with offset {span.Offset}");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
            Assert.Matches("^DS[123][0-9]{3}$", diagnostic.Id);
        }

        Assert.Equal(result.HasErrors, result.Diagnostics.Any(diagnostic => diagnostic.IsError));
    }
}
