using Deepstruct.Graphs;
using Deepstruct.Structures;
using QuikGraph;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Documentation;

/// <summary>
/// The examples of the Python deepstruct's documentation page (shared/deepstruct-python-docs.md),
/// written in C#, asserting what each produces.
/// </summary>
public class PythonDocsExampleTests
{
    [Fact]
    public void Sparse_feed_forward_net_for_mnist()
    {
        var inputSize = 784;
        var outputSize = 10;
        using var model = new MaskedDeepFfn(inputSize, outputSize, new[] { 200, 100 });

        var layers = model.MaskableLayers().ToList();
        Assert.Equal(new[] { new long[] { 200, 784 }, new long[] { 100, 200 }, new long[] { 10, 100 } }, layers.Select(l => l.Mask.shape));
        Assert.All(layers, l => Assert.True(l.Mask.all().item<bool>()));
        Assert.Equal(784 * 200 + 200 * 100 + 100 * 10, layers.Sum(l => l.Mask.numel()));
        using var output = model.call(torch.randn(8, 784));
        Assert.Equal(new long[] { 8, 10 }, output.shape);

        // Prune 10% of the model based on its absolute weights.
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, PruningStrategy.Percentage);
        var total = 784 * 200 + 200 * 100 + 100 * 10;
        Assert.Equal(total - (total / 10), layers.Sum(l => l.Mask.sum().item<long>()));
        var largestPruned = layers.Max(l => l.Weight.abs().masked_select(l.Mask.logical_not()).max().item<float>());
        var smallestKept = layers.Min(l => l.Weight.abs().masked_select(l.Mask).min().item<float>());
        Assert.True(largestPruned <= smallestKept, $"pruned |w| up to {largestPruned}, kept from {smallestKept}");
    }

    [Fact]
    public void Extract_graphs_from_neural_nets()
    {
        // The documentation's input shape (5, 5) with the DAN of its prior-structure example.
        var inputShape = new long[] { 5, 5 };
        using var model = new MaskedDeepDan(inputShape, 2, LayeredGraph.LoadFrom(GraphFamilies.BalancedTree(2, 3)).ToStructure());
        var functor = new Deepstruct.Extraction.GraphTransform(torch.randn(1, 5, 5));

        var graph = functor.Transform(model);

        // 25 input neurons, the tree's 15 vertices, 2 outputs; dense input and output maps plus the tree's 14 edges.
        Assert.Equal(25 + 15 + 2, graph.VertexCount);
        Assert.Equal((25 * 1) + 14 + (8 * 2), graph.EdgeCount);
    }

    [Fact]
    public void Creating_neural_nets_from_graphs()
    {
        var inputSize = 5;
        var outputSize = 2;
        var structure = new CachedLayeredGraph();
        structure.AddNodesFrom(Enumerable.Range(0, 20));
        using var model = new MaskedDeepDan(inputSize, outputSize, structure.ToStructure());

        // Twenty unconnected vertices are one layer of twenty neurons between two dense maps.
        Assert.Equal(1, model.LayerCount);
        Assert.Equal(new long[] { 20, 5 }, model.InputMap.Mask.shape);
        Assert.Equal(new long[] { 2, 20 }, model.OutputMap.Mask.shape);
        Assert.Empty(model.MainMaps);
        Assert.Empty(model.SkipMaps);
        using var output = model.call(torch.randn(3, 5));
        Assert.Equal(new long[] { 3, 2 }, output.shape);
    }

    /// <summary>The documentation's <c>get_clean_dag</c>, written out; <see cref="LayeredGraph.LoadFrom"/> does the same.</summary>
    private static CachedLayeredGraph GetCleanDag<TEdge>(UndirectedGraph<int, TEdge> graph)
        where TEdge : IEdge<int>
    {
        var order = graph.Vertices.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        var structure = new CachedLayeredGraph();
        structure.AddEdgesFrom(graph.Edges.Select(e => (Math.Min(order[e.Source], order[e.Target]), Math.Max(order[e.Source], order[e.Target]))));
        structure.AddNodesFrom(graph.Vertices.Select(v => order[v]));
        return structure;
    }

    [Fact]
    public void Binary_trees_grids_or_small_world_networks_as_prior_structure()
    {
        var graphBtree = GraphFamilies.BalancedTree(r: 2, h: 3);
        var graphGrid = GraphFamilies.Grid2D(3, 30);
        var graphSmallworld = GraphFamilies.WattsStrogatz(100, 3, 0.8, seed: 1);

        var dsGraphBtree = LayeredGraph.LoadFrom(graphBtree);
        var dsGraphGrid = LayeredGraph.LoadFrom(graphGrid);
        var dsGraphSmallworld = LayeredGraph.LoadFrom(graphSmallworld);

        var inputShape = new long[] { 5, 5 };
        var outputSize = 2;
        using var model = new MaskedDeepDan(inputShape, outputSize, dsGraphBtree.ToStructure());

        // The tree: layers of 1, 2, 4, 8; each main map connects every child to its parent.
        Assert.Equal(new[] { 1, 2, 4, 8 }, dsGraphBtree.Layers.Select(dsGraphBtree.GetLayerSize));
        Assert.Equal(new long[] { 1, 25 }, model.InputMap.Mask.shape);
        Assert.Equal(new[] { new long[] { 2, 1 }, new long[] { 4, 2 }, new long[] { 8, 4 } }, model.MainMaps.Select(m => m.Mask.shape));
        Assert.All(model.MainMaps, m => Assert.Equal(m.Mask.shape[0], m.Mask.sum().item<long>()));
        Assert.Empty(model.SkipMaps);
        Assert.Equal(new long[] { 2, 8 }, model.OutputMap.Mask.shape);
        using var output = model.call(torch.randn(4, 5, 5));
        Assert.Equal(new long[] { 4, 2 }, output.shape);

        // The grid: vertex (i, j) is in layer i + j, so 3 × 30 has 32 layers.
        Assert.Equal(90, dsGraphGrid.VertexCount);
        Assert.Equal(32, dsGraphGrid.NumLayers);
        Assert.Equal(3 * 29 + 2 * 30, dsGraphGrid.EdgeCount);

        // The small world: k = 3 joins each vertex to its next one, n · ⌊k/2⌋ = 100 edges.
        Assert.Equal(100, dsGraphSmallworld.VertexCount);
        Assert.Equal(100, dsGraphSmallworld.EdgeCount);

        // get_clean_dag written out as in the documentation gives the same structures.
        Assert.Equal(dsGraphBtree.ToStructure().Edges, GetCleanDag(graphBtree).ToStructure().Edges);
        Assert.Equal(dsGraphGrid.ToStructure().Edges, GetCleanDag(graphGrid).ToStructure().Edges);
        Assert.Equal(dsGraphSmallworld.ToStructure().Edges, GetCleanDag(graphSmallworld).ToStructure().Edges);
        Assert.Equal(StructureFamilies.WattsStrogatz(100, 3, 0.8, 1).Layers.LayerSizes(), dsGraphSmallworld.ToStructure().Layers.LayerSizes());
    }
}
