using Deepstruct.Graphs;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Documentation;

/// <summary>The runtime example of README.md, as written there.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Tree_prior_dan_and_grown_dan()
    {
        var tree = LayeredGraph.LoadFrom(GraphFamilies.BalancedTree(r: 2, h: 3));   // layers of 1, 2, 4, 8
        using var model = new MaskedDeepDan(new long[] { 5, 5 }, 2, tree.ToStructure());        // one neuron per vertex
        using var grown = new ScalableDan(tree).Build(784, 10, scale: 1000);        // each vertex a block

        Assert.Equal(new[] { 1, 2, 4, 8 }, tree.Layers.Select(tree.GetLayerSize));
        Assert.Equal(15, model.Structure.VertexCount);
        // 1000 / 15 = 66.67 → blocks of 67.
        Assert.Equal(15 * 67, grown.Structure.VertexCount);
        Assert.Equal(new[] { 67, 134, 268, 536 }, grown.Structure.Layers.LayerSizes());
        using var output = grown.call(torch.randn(2, 784));
        Assert.Equal(new long[] { 2, 10 }, output.shape);
    }
}
