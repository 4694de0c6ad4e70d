using Deepstruct.Extraction;
using TorchSharp;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Extraction.ExtractedGraphs;

namespace Deepstruct.Runtime.Tests.Extraction;

public sealed class LinearExtractionTests
{
    [Fact]
    public void A_full_ffn_784_100_100_10_gives_every_weight_as_an_edge_and_a_vertex_per_neuron()
    {
        using var ffn = new MaskedDeepFfn(784, 10, new[] { 100, 100 });
        using var input = randn(1, 784);

        var graph = new GraphTransform(input).Transform(ffn);

        Assert.Equal(784 + 100 + 100 + 10, graph.VertexCount);
        Assert.Equal((784 * 100) + (100 * 100) + (100 * 10), graph.EdgeCount);
        Assert.Equal(new[] { 784, 100, 100, 10 }, LayerSizes(graph));
        Assert.Equal(Enumerable.Range(0, 784), graph.GetVertices(0));
        Assert.Equal(Enumerable.Range(994 - 10, 10), graph.GetVertices(3));
    }

    [Fact]
    public void Masking_weights_removes_exactly_those_edges()
    {
        torch.manual_seed(3);
        using var ffn = new MaskedDeepFfn(new long[] { 2, 6 }, 5, new[] { 8, 7 });
        var expected = new HashSet<(int, int)>();
        var offsets = new[] { 0, 12, 20, 27 };
        var layer = 0;
        foreach (var map in ffn.Layers)
        {
            using var mask = rand(map.OutFeatures, map.InFeatures).gt(0.4);
            map.Mask = mask;
            var values = mask.data<bool>().ToArray();
            for (var row = 0; row < map.OutFeatures; row++)
            {
                for (var column = 0; column < map.InFeatures; column++)
                {
                    if (values[(row * map.InFeatures) + column])
                    {
                        expected.Add((offsets[layer] + column, offsets[layer + 1] + row));
                    }
                }
            }

            layer++;
        }

        using var input = randn(1, 2, 6);
        var graph = new GraphTransform(input).Transform(ffn);

        Assert.Equal(32, graph.VertexCount);
        Assert.True(expected.SetEquals(EdgeSet(graph)));
    }

    [Fact]
    public void A_masked_linear_contributes_its_mask_as_it_is_whatever_the_weights()
    {
        using var layer = new MaskedLinear(3, 2);
        using (no_grad())
        {
            layer.weight.zero_(); // deepstruct would recompute the mask from |w| and drop everything
        }

        using var input = randn(1, 3);
        var graph = new GraphTransform(input).Transform(layer);

        Assert.Equal(6, graph.EdgeCount);
    }

    [Fact]
    public void A_plain_linear_keeps_the_weights_at_or_above_the_threshold()
    {
        using var linear = nn.Linear(3, 2);
        using (no_grad())
        {
            linear.weight.copy_(tensor(new float[] { 0.5f, 0.001f, -0.02f, 0.0099f, -0.01f, 0f }).reshape(2, 3));
        }

        using var input = randn(1, 3);
        var defaults = new GraphTransform(input).Transform(linear);
        var strict = new GraphTransform(input, new GraphTransformOptions { LinearThreshold = 0.1 }).Transform(linear);

        Assert.True(new HashSet<(int, int)> { (0, 3), (2, 3), (1, 4) }.SetEquals(EdgeSet(defaults)));
        Assert.True(new HashSet<(int, int)> { (0, 3) }.SetEquals(EdgeSet(strict)));
    }

    [Fact]
    public void A_linear_on_several_positions_connects_each_position_separately()
    {
        using var model = nn.Sequential(nn.Linear(2, 3), nn.ReLU());
        using (no_grad())
        {
            ((TorchSharp.Modules.Linear)model[0]).weight.fill_(1);
        }

        using var input = randn(1, 4, 2);
        var graph = new GraphTransform(input).Transform(model);

        Assert.Equal(8 + 12, graph.VertexCount);
        Assert.Equal(4 * 6, graph.EdgeCount);
        Assert.Contains((2, 11), EdgeSet(graph)); // position 1: input 2 → output 8 + 3
        Assert.DoesNotContain((2, 8), EdgeSet(graph));
    }

    [Fact]
    public void Sequential_containers_and_point_wise_modules_are_walked_in_execution_order()
    {
        using var model = nn.Sequential(
            nn.Linear(6, 5), nn.BatchNorm1d(5), nn.Tanh(), nn.Dropout(0.5),
            nn.Sequential(nn.Linear(5, 4), nn.LayerNorm(4), nn.GELU()),
            nn.Linear(4, 2));
        model.train();
        using var input = randn(1, 6);

        var transform = new GraphTransform(input);
        var graph = transform.Transform(model);

        Assert.Equal(new[] { 6, 5, 4, 2 }, LayerSizes(graph));
        Assert.Empty(transform.Warnings);
        Assert.True(model.training); // the modes the model had are restored
    }

    [Fact]
    public void The_estimate_is_the_size_of_the_built_graph()
    {
        using var ffn = new MaskedDeepFfn(20, 3, new[] { 9 });
        using var mask = rand(9, 20).gt(0.5);
        ffn.Layers[0].Mask = mask;
        using var input = randn(1, 20);
        var transform = new GraphTransform(input);

        var estimate = transform.Estimate(ffn);
        var graph = transform.Transform(ffn);

        Assert.Equal(graph.VertexCount, estimate.Vertices);
        Assert.Equal(graph.EdgeCount, estimate.Edges);
        Assert.Equal(new[] { "input", "MaskedLinear", "MaskedLinear" }, estimate.Steps.Select(step => step.ModuleType));
        Assert.Equal(new[] { "", "layers.0", "layers.1" }, estimate.Steps.Select(step => step.ModulePath));
    }
}
