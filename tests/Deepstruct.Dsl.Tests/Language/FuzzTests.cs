using System.Text;
using System.Text.RegularExpressions;
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
public partial class FuzzTests
{
    private static readonly string[] Corpus =
    [
        """
        namespace Examples;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        structure Tree = balanced_tree(2, 3);
        structure Grid = grid_2d(m: 3, n: 30);
        model DiamondNet : dan { input 4; output 2; structure Diamond; }
        model TreeNet : dan { input 5x5; output 2; structure Tree; layer_norm; }
        model GridNet : dan { input 784; output 10; structure Grid; activation tanh; }
        model Mnist : ffn { input 1x28x28; hidden 200, 100; output 10; }
        model Inline : dan { input 8; output 1; structure { x -> y -> z; x -> z; } }
        """,
        """
        structure Blocks {
            block h1[100], h2[50], h3[10];
            h1 -> h2;
            h2 -> h3 : random(p: 0.2, seed: 7);
            h1[0..9] -> h3 : one_to_one;
            h1 -> h3 : band(width: 3);
        }
        structure Chain { a -> b -> c -> d; }
        structure World = watts_strogatz(n: 100, k: 4, p: 0.5, seed: 42);
        structure Grown = scale(World, total: 2000);
        structure Both = Blocks + Chain;
        structure Deep = stack(Chain, Chain);
        structure Shares = scale(Chain, total: 40, proportions: { a: 0.1, b: 0.2, c: 0.3, d: 0.4 });
        model Seq : rnn { input 1; hidden 100, 100; cell lstm; batch_first; }
        model Cells : cell_dan { input 3x32x32; output 10; structure World; }
        model TreeNet : dan { input 5x5; output 2; structure Chain; activation relu; layer_norm; bias false; }
        """,
        "dan { input 784; output 10; structure watts_strogatz(n: 100, k: 4, p: 0.5, seed: 1); }",
        "ffn { input 1e-3; hidden \"x\", -2; output 10; } /* tail */ // end",
    ];

    [Fact]
    public void Mutated_and_random_inputs_never_throw_and_every_diagnostic_is_located()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_COUNT"), out var requested) ? requested : 3000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DSNET_FUZZ_SEED"), out var requestedSeed) ? requestedSeed : 20261123;
        var random = new Random(seed);
        var tokenized = Corpus.Select(Tokens).ToArray();
        for (var i = 0; i < count; i++)
        {
            var input = Generate(random, tokenized);
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
        var result = CheckCompile(RandomText(new Random(5), 10 * 1024 * 1024));

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

    private static string Generate(Random random, string[][] corpus)
    {
        var tokens = corpus[random.Next(corpus.Length)].ToList();
        switch (random.Next(10))
        {
            case 0:
                return RandomText(random, random.Next(200));
            case 1:
                return new string("({[".ElementAt(random.Next(3)), random.Next(50, 5000)) + string.Concat(tokens);
            case 2:
            {
                var huge = random.Next(3) switch
                {
                    0 => new string('9', random.Next(19, 400)),
                    1 => "1e" + new string('9', random.Next(3, 50)),
                    _ => "9999999999x99999999999",
                };
                tokens.Insert(random.Next(tokens.Count + 1), huge);
                break;
            }

            default:
                break;
        }

        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && tokens.Count > 0; m++)
        {
            var at = random.Next(tokens.Count);
            switch (random.Next(6))
            {
                case 0:
                    tokens.RemoveAt(at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[at]);
                    break;
                case 2:
                {
                    var other = random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                    break;
                }

                case 3:
                    tokens.RemoveRange(at, tokens.Count - at);
                    break;
                case 4:
                    tokens[at] = RandomText(random, random.Next(1, 4));
                    break;
                default:
                    tokens.Insert(at, tokens[random.Next(tokens.Count)]);
                    break;
            }
        }

        return string.Concat(tokens);
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcxyz_019 \n\t{}()[];,:=+-.>\"/*x@#\u00e9\u2028\0";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(8) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string[] Tokens(string text) =>
        TokenPattern().Matches(text).Select(match => match.Value).ToArray();

    [GeneratedRegex(@"\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9.x]*|->|\.\.|/\*|\*/|//|.", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();

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
