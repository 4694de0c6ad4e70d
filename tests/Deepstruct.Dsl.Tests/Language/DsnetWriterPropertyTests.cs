using System.Globalization;
using CsCheck;
using Deepstruct.Binding;
using Deepstruct.Dsl.Tests.Structures;
using Deepstruct.Structures;
using Xunit;

namespace Deepstruct.Dsl.Tests.Language;

/// <summary>Writing a bound model and compiling the text gives the same model, over families, hand-written structures and random DAGs.</summary>
public sealed class DsnetWriterPropertyTests
{
    /// <summary>Structures declared beside the model, so expressions can name them.</summary>
    private const string NamedStructures = """
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        structure Chain { p -> q -> r; }
        structure Blocks {
            vertex top;
            block h1[6], h2[4], h3[3];
            vertex bottom;
            top -> h1;
            h1 -> h2 : random(p: 0.5, seed: 3);
            h1[0..2] -> h3 : one_to_one;
            h2 -> h3 : band(width: 1);
            h3 -> bottom;
        }
        structure Tree = balanced_tree(r: 2, h: 2);

        """;

    private static readonly string[] HandWritten =
    [
        "Diamond",
        "Chain",
        "Blocks",
        "{ x -> y -> z; x -> z; }",
        "{ vertex a, b; block m[3]; a -> m[0..1]; m -> b; }",
        "Diamond + Chain",
        "Chain + Tree + Diamond",
        "stack(Chain, Chain)",
        "stack(Diamond, Diamond)",
        "scale(Diamond, total: 12)",
        "scale(Tree, total: 20, proportions: { 0: 0.5, 1: 0.1, 2: 0.1, 3: 0.1, 4: 0.1, 5: 0.05, 6: 0.05 })",
        "scale(Blocks, total: 40) + Chain",
    ];

    private static readonly Gen<string> Family = Gen.OneOf(
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 3], (r, h) => $"balanced_tree({r}, {h})"),
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 5], (m, n) => $"grid_2d(m: {m}, n: {n})"),
        Gen.Int[1, 8].Select(n => $"path({n})"),
        Gen.Int[1, 6].Select(n => $"complete({n})"),
        Gen.Int[1, 7].Select(n => $"star({n})"),
        Gen.Select(Gen.Int[6, 14], Gen.Int[0, 100], (n, seed) => $"watts_strogatz(n: {n}, k: 4, p: 0.5, seed: {seed})"),
        Gen.Select(Gen.Int[6, 14], Gen.Int[0, 100], (n, seed) => $"newman_watts_strogatz({n}, 2, 0.3, {seed})"),
        Gen.Select(Gen.Int[1, 14], Gen.Int[0, 100], (n, seed) => $"erdos_renyi(n: {n}, p: 0.3, seed: {seed})"),
        Gen.Select(Gen.Int[3, 14], Gen.Int[0, 100], (n, seed) => $"barabasi_albert({n}, 2, {seed})"),
        Gen.Select(Gen.Int[1, 14], Gen.Int[0, 100], (n, seed) => $"random_dag(n: {n}, p: 0.4, seed: {seed})"));

    /// <summary>A random DAG written out with single named vertices, some of them left to be declared by use.</summary>
    private static readonly Gen<string> WrittenDag = RandomGraphs.Dag.Select(g =>
        "{ vertex " + string.Join(", ", Enumerable.Range(0, g.VertexCount).Select(v => "n" + v.ToString(CultureInfo.InvariantCulture))) + "; "
        + string.Concat(g.Edges.Select(edge => $"n{edge.Source} -> n{edge.Target}; ")) + "}");

    private static readonly Gen<string> StructureExpression = Gen.Frequency(
        (3, Family),
        (3, Gen.OneOf(HandWritten)),
        (2, WrittenDag),
        (1, Gen.Select(Family, Gen.OneOf(HandWritten), (family, written) => $"{family} + {written}")));

    private static readonly Gen<string?> OptionalFlag = Gen.OneOf<string?>(null, string.Empty, " true", " false");

    private static readonly Gen<string> Settings = Gen.Select(
        Gen.Int[1, 4].Array[1, 3],
        Gen.Int[1, 9],
        Gen.Int[1, 9].Array[1, 3],
        Gen.OneOf<string?>(null, "relu", "tanh", "sigmoid", "gelu", "leaky_relu", "elu", "identity"),
        Gen.Select(OptionalFlag, OptionalFlag, OptionalFlag),
        Gen.OneOf<string?>(null, "rnn", "gru", "lstm"),
        (shape, output, hidden, activation, flags, cell) =>
            $"input {string.Join("x", shape)}; output {output}; hidden {string.Join(", ", hidden)}; "
            + (activation is null ? string.Empty : $"activation {activation}; ")
            + (flags.Item1 is null ? string.Empty : $"layer_norm{flags.Item1}; ")
            + (flags.Item2 is null ? string.Empty : $"bias{flags.Item2}; ")
            + (flags.Item3 is null ? string.Empty : $"batch_first{flags.Item3}; ")
            + (cell is null ? string.Empty : $"cell {cell}; "));

    /// <summary>A source file with one model <c>M</c> of any kind; settings its kind does not take are dropped.</summary>
    private static readonly Gen<string> ModelSource = Gen.Select(
        Gen.OneOf("ffn", "dan", "cell_dan", "rnn"),
        Settings,
        StructureExpression,
        (kind, settings, structure) => NamedStructures + $"model M : {kind} {{ {Keep(kind, settings)}"
            + (kind is "dan" or "cell_dan" ? $"structure {structure};" : string.Empty) + " }\n");

    [Fact]
    public void A_written_model_compiles_to_the_same_model()
    {
        ModelSource.Sample(source =>
        {
            var original = CompileModel(source);

            var written = DsnetWriter.WriteModel(original);
            var rewritten = CompileModel(written);

            AssertSameModel(original, rewritten, written);
            Assert.Equal(written, DsnetWriter.WriteModel(rewritten));
        });
    }

    [Theory]
    [InlineData("stack(Diamond, Chain)")]
    [InlineData("Blocks")]
    [InlineData("watts_strogatz(n: 30, k: 4, p: 0.3, seed: 2)")]
    public void A_written_structure_compiles_to_the_same_structure_and_names(string expression)
    {
        var compilation = DsnetCompiler.Compile(NamedStructures + $"structure S = {expression};");
        var original = compilation.Structures["S"];

        var written = DsnetCompiler.Compile(DsnetWriter.WriteStructure("S", original));

        Assert.False(written.HasErrors, string.Join("\n", written.Diagnostics));
        AssertSameStructure(original, written.Structures["S"]);
    }

    [Fact]
    public void A_layered_structure_carries_its_layers_in_block_names()
    {
        // Layers that skip one and split layer 2 in two runs: the edges alone would give others.
        var structure = new StructureBuilder(5).AddEdge(0, 2).AddEdge(1, 3).AddEdge(2, 4).Build();
        var layers = new[] { 0, 2, 1, 2, 3 };

        var text = DsnetWriter.WriteLayeredStructure("L", structure, layers);
        var bound = DsnetCompiler.Compile(text).Structures["L"];

        Assert.Contains("block layer0[1], layer2_part0[1], layer1[1], layer2_part1[1], layer3[1];", text, StringComparison.Ordinal);
        Assert.Equal(layers, DsnetWriter.LayersFromBlockNames(bound));
        Assert.Equal(structure.Edges, bound.Structure.Edges);
        Assert.Null(DsnetWriter.LayersFromBlockNames(DsnetCompiler.Compile("structure S { layer0 -> layerX; }").Structures["S"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1a")]
    [InlineData("model")]
    [InlineData("layer_norm")]
    [InlineData("a-b")]
    public void A_name_that_is_no_identifier_or_a_keyword_is_refused(string name)
    {
        Assert.False(DsnetWriter.IsName(name));
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => DsnetWriter.WriteDanModel(name, [4], 2, "S")).ParamName);
        Assert.Equal("inputShape", Assert.Throws<ArgumentException>(() => DsnetWriter.WriteDanModel("M", [4, 0], 2, "S")).ParamName);
    }

    private static string Keep(string kind, string settings)
    {
        var taken = kind switch
        {
            "ffn" => new[] { "input", "hidden", "output", "activation", "layer_norm", "bias" },
            "dan" => ["input", "output", "activation", "layer_norm", "bias"],
            "cell_dan" => ["input", "output"],
            _ => ["input", "hidden", "cell", "activation", "batch_first"],
        };
        return string.Concat(settings.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(setting => taken.Contains(setting.Split(' ')[0]))
            .Select(setting => setting + "; "));
    }

    private static BoundModel CompileModel(string source)
    {
        var compilation = DsnetCompiler.Compile(source);
        Assert.False(compilation.HasErrors, source + "\n" + string.Join("\n", compilation.Diagnostics));
        return Assert.Single(compilation.Models);
    }

    private static void AssertSameModel(BoundModel expected, BoundModel actual, string written)
    {
        Assert.True(expected.Name == actual.Name, written);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.InputShape, actual.InputShape);
        Assert.Equal(expected.OutputSize, actual.OutputSize);
        Assert.Equal(expected.HiddenSizes, actual.HiddenSizes);
        Assert.Equal(expected.Activation, actual.Activation);
        Assert.Equal(expected.LayerNorm, actual.LayerNorm);
        Assert.Equal(expected.Bias, actual.Bias);
        Assert.Equal(expected.Cell, actual.Cell);
        Assert.Equal(expected.BatchFirst, actual.BatchFirst);
        Assert.Equal(expected.WrittenSettings.OrderBy(name => name, StringComparer.Ordinal), actual.WrittenSettings.OrderBy(name => name, StringComparer.Ordinal));
        Assert.Equal(expected.BoundStructure is null, actual.BoundStructure is null);
        if (expected.BoundStructure is { } structure)
        {
            AssertSameStructure(structure, actual.BoundStructure!);
        }
    }

    /// <summary>The same graph and layers; every name that shares no vertex with another names the same vertices.</summary>
    private static void AssertSameStructure(BoundStructure expected, BoundStructure actual)
    {
        Assert.Equal(expected.Structure.VertexCount, actual.Structure.VertexCount);
        Assert.Equal(expected.Structure.Edges, actual.Structure.Edges);
        Assert.Equal(expected.Structure.Layers.LayerOfVertex.ToArray(), actual.Structure.Layers.LayerOfVertex.ToArray());
        var extents = expected.Vertices.Select(pair => (pair.Key, First: pair.Value, Length: 1, Block: false))
            .Concat(expected.Blocks.Select(pair => (pair.Key, pair.Value.First, pair.Value.Length, Block: true)))
            .ToList();
        foreach (var name in extents)
        {
            var alone = extents.All(other => other.Key == name.Key || other.First >= name.First + name.Length || name.First >= other.First + other.Length);
            if (!alone)
            {
                continue;
            }

            if (name.Block)
            {
                Assert.Equal(new VertexBlock(name.First, name.Length), actual.Blocks[name.Key]);
            }
            else
            {
                Assert.Equal(name.First, actual.Vertices[name.Key]);
            }
        }
    }
}
