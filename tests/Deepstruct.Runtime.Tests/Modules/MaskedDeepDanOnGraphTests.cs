using Deepstruct.Graphs;
using Deepstruct.Structures;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Modules;

public class MaskedDeepDanOnGraphTests
{
    [Fact]
    public void A_layered_graph_wires_the_dan_as_its_structure_does()
    {
        var graph = LayeredGraph.LoadFrom(GraphFamilies.NewmanWattsStrogatz(40, 4, 0.3, 5));
        using var fromGraph = new MaskedDeepDan(new long[] { 2, 3 }, 4, graph.ToStructure());
        using var fromStructure = new MaskedDeepDan(6, 4, StructureFamilies.NewmanWattsStrogatz(40, 4, 0.3, 5));

        var graphMasks = fromGraph.MaskableLayers().Select(l => l.Mask).ToList();
        var structureMasks = fromStructure.MaskableLayers().Select(l => l.Mask).ToList();
        Assert.Equal(structureMasks.Count, graphMasks.Count);
        for (var i = 0; i < graphMasks.Count; i++)
        {
            Assert.Equal(structureMasks[i].shape, graphMasks[i].shape);
            Assert.True(structureMasks[i].equal(graphMasks[i]).all().item<bool>());
        }

        using var output = fromGraph.call(torch.randn(3, 2, 3));
        Assert.Equal(new long[] { 3, 4 }, output.shape);
    }

    [Fact]
    public void Vertices_with_any_numbers_map_to_neurons_in_ascending_order()
    {
        // 100 → 5 and 3 → 5 : layer 0 = [3, 100], so neuron 0 is vertex 3; only 100 → 7.
        var graph = new CachedLayeredGraph();
        graph.AddEdgesFrom(new[] { (100, 5), (3, 5), (100, 7) });
        using var dan = new MaskedDeepDan(2, 1, graph.ToStructure());

        var mask = dan.MainMaps[0].Mask;
        Assert.Equal(new long[] { 2, 2 }, mask.shape);
        Assert.Equal(new[] { true, true, false, true }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void Bad_graphs_are_refused()
    {
        var empty = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(3, 2, new CachedLayeredGraph().ToStructure()));
        Assert.Equal("structure", empty.ParamName);
        var cyclic = new CachedLayeredGraph();
        cyclic.AddEdgesFrom(new[] { (0, 1), (1, 2), (2, 0) });
        var cycle = Assert.Throws<StructureCycleException>(() => new MaskedDeepDan(3, 2, cyclic.ToStructure()));
        Assert.Equal(new[] { 0, 1, 2 }, cycle.Cycle);
        Assert.Throws<ArgumentNullException>(() => new MaskedDeepDan(3, 2, (Structure)null!));
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedDeepDan(0, 2, LayeredGraph.LoadFrom(GraphFamilies.Path(2)).ToStructure()));
        Assert.Equal("inputSize", size.ParamName);
    }

    [Fact]
    public void Layer_norm_is_skipped_on_layers_of_one_vertex()
    {
        // balanced_tree(2, 2): layers of 1, 2 and 4 vertices.
        using var dan = new MaskedDeepDan(3, 2, LayeredGraph.LoadFrom(GraphFamilies.BalancedTree(2, 2)).ToStructure(), new DanOptions { LayerNorm = true });

        Assert.False(dan.HasLayerNorm(0));
        Assert.True(dan.HasLayerNorm(1));
        Assert.True(dan.HasLayerNorm(2));
        var normWeights = dan.state_dict().Keys.Where(k => k.StartsWith("norms.", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, normWeights.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => dan.HasLayerNorm(3));
    }

    [Fact]
    public void A_chain_of_single_vertices_with_layer_norm_still_carries_the_input()
    {
        // With a norm on a one-vertex layer the output would be the same for every input.
        torch.manual_seed(3);
        using var dan = new MaskedDeepDan(4, 1, LayeredGraph.LoadFrom(GraphFamilies.Path(3)).ToStructure(), new DanOptions { LayerNorm = true, Activation = Activation.Tanh });
        using var input = torch.randn(16, 4);

        using var output = dan.call(input);

        Assert.True(output.std().item<float>() > 1e-4f);
    }
}
