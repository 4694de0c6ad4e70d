using Deepstruct.Extraction;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Extraction.ExtractedGraphs;

namespace Deepstruct.Runtime.Tests.Extraction;

public sealed class ConvolutionExtractionTests
{
    /// <summary>
    /// The dependency pattern computed independently of the geometry: with every kernel weight 1 and no
    /// bias the convolution is a linear map with positive entries, so output neuron j depends on input
    /// neuron i exactly when the convolution of the i-th one-hot image is nonzero at j.
    /// </summary>
    private static HashSet<(int, int)> BruteForceEdges(Conv2d convolution, long channels, long height, long width)
    {
        var inputs = channels * height * width;
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            convolution.weight!.fill_(1);
            var oneHot = eye(inputs).reshape(inputs, channels, height, width);
            var responses = convolution.call(oneHot).reshape(inputs, -1);
            var outputs = responses.shape[1];
            var pairs = responses.ne(0).nonzero().data<long>().ToArray();
            var edges = new HashSet<(int, int)>();
            for (var i = 0; i < pairs.Length; i += 2)
            {
                edges.Add(((int)pairs[i], (int)(inputs + pairs[i + 1])));
            }

            Assert.True(outputs > 0);
            return edges;
        }
    }

    public static TheoryData<int[]> Geometries => new()
    {
        // in, out, height, width, kernel h, kernel w, stride h, stride w, padding h, padding w, dilation
        new[] { 1, 1, 5, 5, 3, 3, 1, 1, 0, 0, 1 },
        new[] { 1, 2, 6, 6, 3, 3, 1, 1, 1, 1, 1 },   // padding
        new[] { 2, 3, 7, 7, 3, 3, 2, 2, 0, 0, 1 },   // stride 2
        new[] { 2, 2, 8, 8, 3, 3, 2, 2, 1, 1, 1 },   // stride 2 and padding
        new[] { 1, 2, 5, 9, 3, 2, 1, 2, 1, 0, 1 },   // rectangular input and kernel, uneven stride
        new[] { 3, 2, 9, 6, 3, 3, 1, 1, 2, 1, 2 },   // dilation 2 with padding
        new[] { 1, 1, 4, 4, 5, 5, 1, 1, 2, 2, 1 },   // kernel larger than the input without its padding
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Edges_equal_the_dependencies_of_each_output_on_the_input(int[] geometry)
    {
        var (inChannels, outChannels, height, width) = (geometry[0], geometry[1], geometry[2], geometry[3]);
        var (kernelHeight, kernelWidth, strideHeight, strideWidth) = (geometry[4], geometry[5], geometry[6], geometry[7]);
        var (paddingHeight, paddingWidth, dilation) = (geometry[8], geometry[9], geometry[10]);
        using var convolution = nn.Conv2d(inChannels, outChannels, (kernelHeight, kernelWidth), (strideHeight, strideWidth), (paddingHeight, paddingWidth), (dilation, dilation), bias: false);
        var expected = BruteForceEdges(convolution, inChannels, height, width);
        using var input = randn(1, inChannels, height, width);

        var graph = new GraphTransform(input).Transform(convolution);

        Assert.Equal(expected.Count, graph.EdgeCount);
        Assert.True(expected.SetEquals(EdgeSet(graph)));
    }

    [Theory]
    [InlineData(PaddingModes.Reflect)]
    [InlineData(PaddingModes.Replicate)]
    [InlineData(PaddingModes.Circular)]
    public void Non_zero_padding_connects_the_input_neurons_it_copies(PaddingModes mode)
    {
        using var convolution = nn.Conv2d(2, 2, (3, 3), (1, 1), (1, 1), (1, 1), padding_mode: mode, bias: false);
        var expected = BruteForceEdges(convolution, 2, 5, 4);
        using var input = randn(1, 2, 5, 4);

        var graph = new GraphTransform(input).Transform(convolution);

        Assert.True(expected.SetEquals(EdgeSet(graph)));
    }

    [Fact]
    public void Groups_and_same_padding_follow_the_geometry()
    {
        using var grouped = nn.Conv2d(4, 6, 3, stride: 1, padding: 1, groups: 2, bias: false);
        using var same = nn.Conv2d(2, 3, (4, 3), Padding.Same, bias: false);
        using var groupedInput = randn(1, 4, 5, 6);
        using var sameInput = randn(1, 2, 6, 5);

        var expectedGrouped = BruteForceEdges(grouped, 4, 5, 6);
        var expectedSame = BruteForceEdges(same, 2, 6, 5);

        Assert.True(expectedGrouped.SetEquals(EdgeSet(new GraphTransform(groupedInput).Transform(grouped))));
        Assert.True(expectedSame.SetEquals(EdgeSet(new GraphTransform(sameInput).Transform(same))));
    }

    [Fact]
    public void The_two_conv_cnn_on_28_by_28_has_190224_edges_numbered_channel_row_column()
    {
        using var cnn = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 8, 3), nn.ReLU());
        using var input = randn(1, 1, 28, 28);

        var graph = new GraphTransform(input).Transform(cnn);

        Assert.Equal(new[] { 784, 4 * 26 * 26, 8 * 24 * 24 }, LayerSizes(graph));
        Assert.Equal(190_224, graph.EdgeCount);
        // Output (channel 1, row 2, column 3) of the first convolution reads input rows 2..4, columns 3..5.
        var target = 784 + (1 * 26 * 26) + (2 * 26) + 3;
        var sources = graph.InEdges(target).Select(edge => edge.Source).OrderBy(source => source);
        Assert.Equal(new[] { 59, 60, 61, 87, 88, 89, 115, 116, 117 }, sources);
    }

    [Fact]
    public void A_convolution_threshold_drops_the_kernel_positions_below_it()
    {
        using var convolution = nn.Conv2d(1, 1, 2, bias: false);
        using (no_grad())
        {
            convolution.weight!.copy_(tensor(new float[] { 1, 0, 0.5f, 0.001f }).reshape(1, 1, 2, 2));
        }

        using var input = randn(1, 1, 3, 3);
        var geometric = new GraphTransform(input).Transform(convolution);
        var thresholded = new GraphTransform(input, new GraphTransformOptions { ConvolutionThreshold = 0.01 }).Transform(convolution);

        Assert.Equal(16, geometric.EdgeCount);
        Assert.Equal(8, thresholded.EdgeCount);
    }

    [Fact]
    public void A_cnn_with_flatten_and_a_classifier_extracts_end_to_end()
    {
        using var cnn = nn.Sequential(nn.Conv2d(1, 2, 3, stride: 2), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 3 * 3, 4));
        using var input = randn(1, 1, 7, 7);

        var graph = new GraphTransform(input).Transform(cnn);

        Assert.Equal(new[] { 49, 18, 4 }, LayerSizes(graph));
        Assert.Equal((18 * 9) + new GraphTransform(input).Estimate(cnn).Steps[^1].Edges, graph.EdgeCount);
    }
}
