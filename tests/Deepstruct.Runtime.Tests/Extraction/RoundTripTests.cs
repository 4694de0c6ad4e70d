using Deepstruct.Binding;
using Deepstruct.Export;
using Deepstruct.Extraction;
using Deepstruct.Graphs;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Extraction.ExtractedGraphs;

namespace Deepstruct.Runtime.Tests.Extraction;

public sealed class RoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deepstruct-extraction-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Extracted graphs of several kinds; the pruned ones have vertices whose layers the edges alone would not give.</summary>
    public static TheoryData<string> Graphs => new() { "ffn", "pruned-ffn", "dan", "cnn" };

    private static LabeledDag Extract(string kind)
    {
        manual_seed(7);
        switch (kind)
        {
            case "ffn":
            {
                using var ffn = new MaskedDeepFfn(12, 3, new[] { 6, 5 });
                using var input = randn(1, 12);
                return new GraphTransform(input).Transform(ffn);
            }

            case "pruned-ffn":
            {
                using var ffn = new MaskedDeepFfn(12, 3, new[] { 6, 5 });
                foreach (var layer in ffn.Layers)
                {
                    using var mask = rand(layer.OutFeatures, layer.InFeatures).gt(0.6);
                    layer.Mask = mask;
                }

                using var cut = ffn.Layers[1].Mask.clone();
                cut[0] = zeros(6, dtype: ScalarType.Bool); // hidden neuron 0 of layer 2 loses every input
                ffn.Layers[1].Mask = cut;
                using var input = randn(1, 12);
                return new GraphTransform(input).Transform(ffn);
            }

            case "dan":
            {
                var structure = LayeredGraph.LoadFrom(GraphFamilies.WattsStrogatz(25, 4, 0.5, 3));
                using var dan = new MaskedDeepDan(4, 2, structure.ToStructure());
                using var input = randn(1, 4);
                return new GraphTransform(input).Transform(dan);
            }

            default:
            {
                using var cnn = nn.Sequential(nn.Conv2d(1, 2, 3, padding: 1), nn.ReLU(), nn.Conv2d(2, 3, 3, stride: 2));
                using var input = randn(1, 1, 7, 6);
                return new GraphTransform(input).Transform(cnn);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Graph_to_graphml_to_graph_is_the_identity(string kind)
    {
        var graph = Extract(kind);
        var path = Path.Combine(_directory, kind + ".graphml");

        graph.Save(path);
        var loaded = LabeledDag.Load(path);

        AssertSameGraph(graph, loaded);
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Graph_to_dsnet_to_compiler_to_graph_is_the_identity(string kind)
    {
        var graph = Extract(kind);

        var text = DsnetText.ToStructureText(graph, "Extracted");
        var compilation = DsnetCompiler.Compile(text);
        var parsed = DsnetText.ReadStructure(text, "Extracted");

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        Assert.Equal(graph.ToStructure().Edges, compilation.Structures["Extracted"].Structure.Edges);
        AssertSameGraph(graph, parsed);
    }

    [Fact]
    public void The_dsnet_text_is_compact_blocks_and_ranges()
    {
        using var ffn = new MaskedDeepFfn(784, 10, new[] { 100, 100 });
        using var input = randn(1, 784);
        var graph = new GraphTransform(input).Transform(ffn);

        var text = DsnetText.ToStructureText(graph, "Mnist");

        Assert.Contains("block layer0[784], layer1[100], layer2[100], layer3[10];", text);
        Assert.Contains("layer0 -> layer1;", text);
        Assert.Contains("layer2 -> layer3;", text);
        Assert.True(text.Length < 400, text);
    }

    [Fact]
    public void A_pruned_models_dsnet_compiles_into_a_dan_wired_like_its_hidden_layers()
    {
        var graph = Extract("dan");
        var text = DsnetText.ToModelText(graph, "Rebuilt", inputShape: new long[] { 2, 2 }, activation: Activation.Tanh, layerNorm: true);

        var compilation = DsnetCompiler.Compile(text);
        var model = Assert.Single(compilation.Models);
        using var dan = new MaskedDeepDan(model.InputShape.ToArray(), model.OutputSize, model.Structure!, model.DanOptions);
        using var input = randn(1, 2, 2);
        var rebuilt = new GraphTransform(input).Transform(dan);

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        Assert.Equal(Activation.Tanh, model.Activation);
        AssertSameGraph(graph, rebuilt);
    }

    [Fact]
    public void Dot_ranks_each_layer_and_lists_every_edge()
    {
        var graph = Extract("pruned-ffn");

        var dot = GraphDot.ToText(graph, "pruned");
        var path = Path.Combine(_directory, "pruned.dot");
        GraphDot.Save(graph, path, "pruned");

        Assert.StartsWith("digraph \"pruned\" {", dot);
        Assert.Equal(graph.NumLayers, dot.Split('\n').Count(line => line.Contains("rank=same", StringComparison.Ordinal)));
        Assert.Equal(graph.EdgeCount, dot.Split('\n').Count(line => line.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("  subgraph layer_0 { rank=same; 0; 1; 2;", dot);
        Assert.Equal(dot, File.ReadAllText(path));
    }
}
