using Deepstruct.Extraction;
using Deepstruct.Graphs;
using Deepstruct.Structures;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Extraction.ExtractedGraphs;

namespace Deepstruct.Runtime.Tests.Extraction;

public sealed class DanExtractionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(11)]
    public void A_dans_graph_is_its_structure_plus_an_input_and_an_output_layer(int seed)
    {
        var structure = LayeredGraph.LoadFrom(GraphFamilies.WattsStrogatz(30, 4, 0.5, seed)).ToStructure();
        using var dan = new MaskedDeepDan(new long[] { 2, 3 }, 4, structure);
        using var input = randn(1, 2, 3);

        var graph = new GraphTransform(input).Transform(dan);

        const int inputs = 6;
        var expected = new HashSet<(int, int)>();
        foreach (var edge in structure.Edges)
        {
            expected.Add((inputs + edge.Source, inputs + edge.Target));
        }

        foreach (var first in structure.VerticesOf(0))
        {
            for (var i = 0; i < inputs; i++)
            {
                expected.Add((i, inputs + first));
            }
        }

        foreach (var last in structure.VerticesOf(structure.LayerCount - 1))
        {
            for (var o = 0; o < 4; o++)
            {
                expected.Add((inputs + last, inputs + structure.VertexCount + o));
            }
        }

        Assert.Equal(inputs + structure.VertexCount + 4, graph.VertexCount);
        Assert.True(expected.SetEquals(EdgeSet(graph)));
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            Assert.Equal(1 + structure.LayerOf(vertex), graph.GetLayer(inputs + vertex));
        }

        Assert.Equal(structure.LayerCount + 1, graph.GetLayer(graph.VertexCount - 1));
        Assert.Equal(structure.Edges, graph.ToStructure().Edges.Where(edge => edge.Source >= inputs && edge.Target < inputs + structure.VertexCount)
            .Select(edge => new Edge(edge.Source - inputs, edge.Target - inputs)));
    }

    [Fact]
    public void Masking_a_skip_weight_of_a_dan_removes_that_edge()
    {
        // a -> b -> c with the skip a -> c.
        var structure = Structure.Create(3, new[] { new Edge(0, 1), new Edge(1, 2), new Edge(0, 2) });
        using var dan = new MaskedDeepDan(2, 1, structure);
        using var input = randn(1, 2);
        Assert.Contains((2, 4), EdgeSet(new GraphTransform(input).Transform(dan)));

        using var none = zeros(1, 1, dtype: ScalarType.Bool);
        dan.SkipMaps[0].Mask = none;
        var graph = new GraphTransform(input).Transform(dan);

        Assert.DoesNotContain((2, 4), EdgeSet(graph));
        Assert.Contains((2, 3), EdgeSet(graph));
        Assert.Equal(2 + 1 + 1 + 1, graph.EdgeCount); // input→a twice, a→b, b→c, c→output
    }

    [Fact]
    public void A_dan_inside_a_sequential_is_followed_by_the_next_layer()
    {
        var structure = LayeredGraph.LoadFrom(GraphFamilies.BalancedTree(2, 2)).ToStructure();
        using var model = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), new MaskedDeepDan(5, 4, structure), nn.Linear(4, 2));
        using (no_grad())
        {
            ((TorchSharp.Modules.Linear)model[0]).weight.fill_(1);
            ((TorchSharp.Modules.Linear)model[3]).weight.fill_(1);
        }

        using var input = randn(1, 3);
        var graph = new GraphTransform(input).Transform(model);

        Assert.Equal(3 + 5 + 7 + 4 + 2, graph.VertexCount);
        Assert.Equal(new[] { 3, 5, 1, 2, 4, 4, 2 }, LayerSizes(graph));
        Assert.Equal(15 + 5 + 6 + 16 + 8, graph.EdgeCount);
    }
}
