using System.Text.RegularExpressions;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// The fuzzer's inputs: a corpus of valid files and attribute strings, and mutations of them
/// (tokens deleted, duplicated, swapped, replaced, truncated; random text; deep nesting; huge
/// numbers). Shared with the generator's tests, which link this file.
/// </summary>
internal static partial class FuzzInputs
{
    public static readonly string[] Corpus =
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

    public static string Generate(Random random, string[][] corpus)
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

    public static string RandomText(Random random, int length)
    {
        const string alphabet = "abcxyz_019 \n\t{}()[];,:=+-.>\"/*x@#\u00e9\u2028\0";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(8) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    public static string[] Tokens(string text) =>
        TokenPattern().Matches(text).Select(match => match.Value).ToArray();

    [GeneratedRegex(@"\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9.x]*|->|\.\.|/\*|\*/|//|.", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();

}
