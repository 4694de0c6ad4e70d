using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
/// Grammar fuzzing (<see cref="GrammarInputs"/>): files with valid but extreme arguments, each
/// within a time and allocation budget; 200 inputs by default, <c>DSNET_GRAMMAR_FUZZ_COUNT</c> if
/// set (a long run: <c>DSNET_GRAMMAR_FUZZ_COUNT=100000 DSNET_FUZZ_SEED=7 dotnet test
/// tests/Deepstruct.Dsl.Tests --filter FuzzTests</c>).
/// </summary>
public class FuzzTests
{
    /// <summary>
    /// A guard against hangs, not a benchmark: generous enough for a 5-million-edge structure on a
    /// loaded CI machine, far below the seconds to minutes that an unbounded input costs.
    /// </summary>
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(2);

    private const long AllocationBudget = 256L * 1024 * 1024;

    private const int MaximumMessageLength = 2000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_SEED"), out var requested) ? requested : 20261123;

    [Fact]
    public void Grammar_generated_inputs_with_extreme_arguments_stay_within_the_time_and_allocation_budget()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DSNET_GRAMMAR_FUZZ_COUNT"), out var requested) ? requested : 200;
        var random = new Random(Seed);
        for (var i = 0; i < count; i++)
        {
            var file = GrammarInputs.Generate(random);
            WithinBudget(file, () => CheckCompile(file));
            var model = GrammarInputs.GenerateModel(random);
            WithinBudget(model, () => CheckAttribute(model));
        }
    }

    [Theory]
    [InlineData("structure S { block a[100000], b[100000]; a -> b : random(p: 0, seed: 1); }")]
    [InlineData("structure S { block a[100000], b[100000]; a -> b : random(p: -0, seed: 1); }")]
    [InlineData("structure S { block a[100000], b[100000]; a -> b : random(p: 1e-400, seed: 1); }")]
    [InlineData("structure S = balanced_tree(1, 2147483647);")]
    [InlineData("structure S = balanced_tree(r: 1, h: 1000000000);")]
    public void Extreme_but_valid_arguments_stay_within_the_budget(string text) => WithinBudget(text, () => CheckCompile(text));
    [Fact]
    public void Mutated_and_random_inputs_never_throw_and_every_diagnostic_is_located()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_COUNT"), out var requested) ? requested : 3000;
        var random = new Random(Seed);
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

    /// <summary>
    /// Runs <paramref name="check"/> on a thread of its own, so that a hang fails the test instead of
    /// stalling it, and fails when it takes longer than <see cref="TimeBudget"/> or allocates more
    /// than <see cref="AllocationBudget"/>.
    /// </summary>
    private static void WithinBudget(string input, Action check)
    {
        ExceptionDispatchInfo? failure = null;
        var elapsed = TimeSpan.Zero;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            try
            {
                check();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            elapsed = stopwatch.Elapsed;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        {
            IsBackground = true,
        };
        thread.Start();
        var shown = input.Length > 1000 ? $"{input[..500]} … {input[^500..]} ({input.Length} characters)" : input;
        Assert.True(thread.Join(TimeBudget), $"The input did not finish within {TimeBudget.TotalSeconds} s: {shown}");
        failure?.Throw();
        Assert.True(elapsed <= TimeBudget, $"The input took {elapsed.TotalSeconds:F1} s, more than {TimeBudget.TotalSeconds} s: {shown}");
        Assert.True(allocated <= AllocationBudget, $"The input allocated {allocated / (1024 * 1024)} MB, more than {AllocationBudget / (1024 * 1024)} MB: {shown}");
    }

    /// <summary>Whether a message holds a control character, a line or paragraph separator or a lone surrogate.</summary>
    private static bool HasUnprintable(string message)
    {
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if (char.IsHighSurrogate(c) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF')
            {
                return true;
            }
        }

        return false;
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
        // Line breaks as C# has them: CR, LF, CR LF (one break), U+0085, U+2028, U+2029.
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

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
            Assert.True(diagnostic.Message.Length <= MaximumMessageLength, $"A message of {diagnostic.Message.Length} characters: {diagnostic.Message[..Math.Min(200, diagnostic.Message.Length)]}…");
            Assert.False(HasUnprintable(diagnostic.Message), $"A message with a raw control character: {diagnostic}");
            Assert.Matches("^DS[123][0-9]{3}$", diagnostic.Id);
        }

        Assert.Equal(result.HasErrors, result.Diagnostics.Any(diagnostic => diagnostic.IsError));
    }
}
