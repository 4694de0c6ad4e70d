using System.Globalization;
using System.Text;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>
/// Grammar-aware fuzz inputs: files written from the language's grammar rather than mutated from a
/// corpus, so that they reach the binder with valid but extreme arguments — huge sizes with tiny
/// probabilities, <c>p: 0</c>, <c>-0</c>, <c>1e-400</c>, <c>balanced_tree(1, huge)</c>, huge grids,
/// block patterns over large blocks, nested expressions, long cycles, control characters in names
/// and comments. Kept apart from <see cref="FuzzInputs"/> so either can be linked on its own.
/// </summary>
internal static class GrammarInputs
{
    // Sizes that build stay at most 10,000, so that a legitimate input costs far less than the budget
    // even on a loaded machine; the larger ones are there to be refused (DS2005, DS2008) before anything
    // is built, or to cost nothing (p: 0).
    private static readonly string[] Integers =
    [
        "0", "1", "2", "3", "7", "-1", "-0", "64", "1000", "4096", "10000", "1000000000",
        "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999",
    ];

    private static readonly string[] BlockLengths = ["1", "2", "10", "1000", "100000", "500000", "1000000", "0", "2147483647"];

    private static readonly string[] Probabilities =
    [
        "0", "-0", "0.0", "-0.0", "1e-400", "-1e-400", "1e-300", "5e-324", "1e-17", "1e-9", "0.000001", "0.5", "0.999999999999", "1", "1.0", "1e0",
    ];

    // Between large blocks a pattern may keep only a few pairs, else it is a legitimate 5-million-edge build.
    private static readonly string[] TinyProbabilities = ["0", "-0", "0.0", "-0.0", "1e-400", "-1e-400", "1e-300", "5e-324", "1e-17", "1e-9", "0.000001"];

    // scale grows edges with the square of its blocks: totals that build stay small.
    private static readonly string[] ScaleTotals = ["0", "-1", "1", "3", "64", "1000", "2147483647", "9223372036854775808"];

    private static readonly string[] Seeds = ["0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808"];

    private static readonly string[] Activations = ["relu", "tanh", "sigmoid", "gelu", "leaky_relu", "elu", "identity"];

    private static readonly string[] Oddities = ["\0", "\u2028", "\u2029", "\u0085", "\r", "\r\n", "\u0001", "\u001b[31m", "\u200b", "\ud800"];

    public static string Generate(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append("namespace Fuzz.N").Append(random.Next(10)).Append(";\n");
        }

        var structures = new List<string>();
        var declarations = random.Next(1, 4);
        for (var d = 0; d < declarations; d++)
        {
            var name = "S" + d;
            switch (random.Next(4))
            {
                case 0:
                    text.Append("structure ").Append(name).Append(' ').Append(Body(random)).Append('\n');
                    break;
                case 1:
                    text.Append("structure ").Append(name).Append(' ').Append(Cycle(random)).Append('\n');
                    break;
                default:
                    text.Append("structure ").Append(name).Append(" = ").Append(Expression(random, structures, 0)).Append(";\n");
                    break;
            }

            structures.Add(name);
            if (random.Next(5) == 0)
            {
                text.Append(Comment(random));
            }
        }

        var models = random.Next(0, 3);
        for (var m = 0; m < models; m++)
        {
            text.Append("model M").Append(m).Append(" : ").Append(Model(random, structures)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One model in the <c>[Dsnet]</c> attribute's form: <c>KIND { SETTINGS }</c>.</summary>
    public static string GenerateModel(Random random) => Model(random, []);

    private static string Model(Random random, List<string> structures)
    {
        var text = new StringBuilder();
        switch (random.Next(4))
        {
            case 0:
                text.Append("ffn { input ").Append(Size(random)).Append("; hidden ").Append(Sizes(random)).Append("; output ").Append(Size(random)).Append(';');
                break;
            case 1:
                text.Append("rnn { input ").Append(Size(random)).Append("; hidden ").Append(Sizes(random)).Append("; cell ").Append(Pick(random, ["rnn", "gru", "lstm"])).Append(';');
                break;
            case 2:
                text.Append("cell_dan { input ").Append(Size(random)).Append("; output ").Append(Size(random)).Append("; structure ").Append(StructureValue(random, structures)).Append(';');
                break;
            default:
                text.Append("dan { input ").Append(Size(random)).Append("; output ").Append(Size(random)).Append("; structure ").Append(StructureValue(random, structures)).Append(';');
                break;
        }

        if (random.Next(3) == 0)
        {
            text.Append(" activation ").Append(Pick(random, Activations)).Append(';');
        }

        if (random.Next(4) == 0)
        {
            text.Append(Comment(random));
        }

        return text.Append(" }").ToString();
    }

    private static string StructureValue(Random random, List<string> structures) => random.Next(3) switch
    {
        0 when structures.Count > 0 => Pick(random, structures),
        1 => Body(random),
        _ => Expression(random, structures, 0),
    };

    private static string Size(Random random) => random.Next(3) == 0 ? Pick(random, Integers) : random.Next(1, 2000).ToString(CultureInfo.InvariantCulture);

    private static string Sizes(Random random) => string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Size(random)));

    private static string Expression(Random random, List<string> structures, int depth)
    {
        if (depth > 3)
        {
            return Family(random);
        }

        return random.Next(8) switch
        {
            0 or 1 or 2 => Family(random),
            3 when structures.Count > 0 => Pick(random, structures),
            4 => Expression(random, structures, depth + 1) + " + " + Expression(random, structures, depth + 1),
            5 => "(" + Expression(random, structures, depth + 1) + ")",
            6 => "scale(" + Expression(random, structures, depth + 1) + ", total: " + Pick(random, ScaleTotals) + ")",
            _ => "stack(" + Expression(random, structures, depth + 1) + ", " + Expression(random, structures, depth + 1) + ")",
        };
    }

    private static string Family(Random random) => random.Next(10) switch
    {
        0 => $"balanced_tree({Pick(random, ["1", "2", "3", "1000"])}, {Pick(random, Integers)})",
        1 => $"grid_2d(m: {Pick(random, Integers)}, n: {Pick(random, ["-1", "0", "1", "2", "7", "2147483647"])})",
        2 => $"path({Pick(random, Integers)})",
        3 => $"complete({Pick(random, Integers)})",
        4 => $"star({Pick(random, Integers)})",
        5 => $"watts_strogatz(n: {Pick(random, Integers)}, k: {Pick(random, ["0", "1", "2", "4"])}, p: {Pick(random, Probabilities)}, seed: {Pick(random, Seeds)})",
        6 => $"newman_watts_strogatz(n: {Pick(random, Integers)}, k: {Pick(random, ["0", "2", "3", "4"])}, p: {Pick(random, Probabilities)}, seed: {Pick(random, Seeds)})",
        7 => $"erdos_renyi(n: {Pick(random, Integers)}, p: {Pick(random, Probabilities)}, seed: {Pick(random, Seeds)})",
        8 => $"barabasi_albert(n: {Pick(random, Integers)}, m: {Pick(random, ["1", "2", "5"])}, seed: {Pick(random, Seeds)})",
        _ => $"random_dag(n: {Pick(random, Integers)}, p: {Pick(random, Probabilities)}, seed: {Pick(random, Seeds)})",
    };

    /// <summary>A written structure of blocks joined by patterns, over blocks up to 10⁶ vertices.</summary>
    private static string Body(Random random)
    {
        var text = new StringBuilder("{ block ");
        var blocks = random.Next(1, 4);
        var lengths = new string[blocks];
        for (var b = 0; b < blocks; b++)
        {
            lengths[b] = Pick(random, BlockLengths);
            text.Append(b > 0 ? ", " : string.Empty).Append('b').Append(b).Append('[').Append(lengths[b]).Append(']');
        }

        text.Append(';');
        var links = random.Next(1, 4);
        for (var l = 0; l < links; l++)
        {
            var from = random.Next(blocks);
            var to = random.Next(blocks);
            text.Append(" b").Append(from).Append(Range(random)).Append(" -> b").Append(to).Append(Range(random));
            // Between blocks too large to build densely, only patterns that cost what they add or are refused.
            var large = Array.IndexOf(BlockLengths, lengths[from]) >= 5 || Array.IndexOf(BlockLengths, lengths[to]) >= 5;
            text.Append((large ? 3 + random.Next(2) : random.Next(5)) switch
            {
                0 => string.Empty,
                1 => " : one_to_one",
                2 => $" : band(width: {Pick(random, Integers)})",
                _ => $" : random(p: {(large ? Pick(random, TinyProbabilities) : Pick(random, Probabilities))}, seed: {Pick(random, Seeds)})",
            });
            text.Append(';');
        }

        if (random.Next(4) == 0)
        {
            text.Append(Comment(random));
        }

        return text.Append(" }").ToString();
    }

    private static string Range(Random random) => random.Next(4) == 0 ? $"[{Pick(random, ["0", "1", "5"])}..{Pick(random, Integers)}]" : string.Empty;

    /// <summary>A cycle of up to 20,000 vertices (a million-vertex one has a test of its own).</summary>
    private static string Cycle(Random random)
    {
        var length = random.Next(3) == 0 ? random.Next(2, 20_000) : random.Next(2, 50);
        var text = new StringBuilder("{ v0");
        for (var v = 1; v < length; v++)
        {
            text.Append(" -> v").Append(v);
        }

        return text.Append(" -> v0; }").ToString();
    }

    private static string Comment(Random random) => random.Next(3) switch
    {
        0 => " // activation" + Pick(random, Oddities) + "\n",
        1 => " /* " + Pick(random, Oddities) + " activation */ ",
        _ => Pick(random, Oddities) + " ",
    };

    private static string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];
}
