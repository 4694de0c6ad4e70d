using Deepstruct.Graphs;
using Deepstruct.Runtime.Tests.Graphs;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Growing;

public sealed class ScalableDanTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deepstruct-scalable-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>deepstruct's tests/scalable graph: vertices 1..5, edges 1→3, 2→4, 3→4, 4→5.</summary>
    private static CachedLayeredGraph Flat()
    {
        var graph = new CachedLayeredGraph();
        graph.AddNodesFrom(new[] { 1, 2, 3, 4, 5 });
        graph.AddEdgesFrom(new[] { (1, 3), (2, 4), (3, 4), (4, 5) });
        return graph;
    }

    [Fact]
    public void Each_vertex_becomes_a_block_and_each_edge_a_complete_connection()
    {
        var proportions = new Dictionary<int, double> { [1] = 0.1, [2] = 0.2, [3] = 0.3, [4] = 0.15, [5] = 0.25 };
        var scalable = new ScalableDan(Flat(), proportions);

        var grown = scalable.Grow(20);

        // Blocks in vertex order: 1 → 0..1, 2 → 2..5, 3 → 6..11, 4 → 12..14, 5 → 15..19.
        Assert.Equal(new long[] { 2, 4, 6, 3, 5 }, scalable.BlockSizes(20));
        Assert.Equal(20, grown.VertexCount);
        Assert.Equal((2 * 6) + (4 * 3) + (6 * 3) + (3 * 5), grown.EdgeCount);
        Assert.True(grown.ContainsEdge(1, 6));
        Assert.True(grown.ContainsEdge(5, 14));
        Assert.True(grown.ContainsEdge(14, 19));
        Assert.False(grown.ContainsEdge(0, 12));
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, grown.GetVertices(0));
        Assert.Equal(new[] { 6, 7, 8, 9, 10, 11 }, grown.GetVertices(1));
        Assert.Equal(new[] { 12, 13, 14 }, grown.GetVertices(2));
        Assert.Equal(new[] { 15, 16, 17, 18, 19 }, grown.GetVertices(3));
    }

    [Fact]
    public void Block_sizes_round_half_to_even_and_are_never_empty()
    {
        var proportions = new Dictionary<int, double> { [1] = 0.125, [2] = 0.375, [3] = 0.49, [4] = 0.005, [5] = 0.005 };
        var scalable = new ScalableDan(Flat(), proportions);

        // 4 · (0.125, 0.375, 0.49, 0.005, 0.005) = (0.5, 1.5, 1.96, 0.02, 0.02) → (0→1, 2, 2, 0→1, 0→1).
        Assert.Equal(new long[] { 1, 2, 2, 1, 1 }, scalable.BlockSizes(4));
        Assert.Equal(7, scalable.Grow(4).VertexCount);
    }

    [Fact]
    public void Without_proportions_vertices_share_equally()
    {
        var scalable = new ScalableDan(Flat());

        Assert.Equal(0.2, scalable.Proportion(3));
        Assert.Equal(new long[] { 10, 10, 10, 10, 10 }, scalable.BlockSizes(50));
    }

    [Fact]
    public void Build_wires_a_dan_with_layer_norm_on_the_grown_graph()
    {
        var scalable = new ScalableDan(CachedLayeredGraphTests.ScalableExample());
        torch.manual_seed(1);

        using var model = scalable.Build(8, 4, 80);

        Assert.True(model.UseLayerNorm);
        Assert.Equal(80, model.Structure.VertexCount);
        Assert.Equal(new[] { 30, 20, 20, 10 }, model.Structure.Layers.LayerSizes());
        // Main map layer 1 → 2: blocks 3 → 5, 3 → 6, 4 → 5 connected; 4 → 6 not.
        var mask = model.MainMaps[1].Mask;
        Assert.Equal(new long[] { 20, 20 }, mask.shape);
        Assert.Equal(3 * 100, mask.sum().item<long>());
        using var output = model.call(torch.randn(5, 8));
        Assert.Equal(new long[] { 5, 4 }, output.shape);
        using var shaped = scalable.Build(new long[] { 2, 4 }, 4, 80, DanOptions.Default);
        Assert.False(shaped.UseLayerNorm);
    }

    [Fact]
    public void A_grown_model_reloads_from_its_graphml_and_state()
    {
        // deepstruct's test_load_reload_model: save the grown graph and the weights, rebuild, reload.
        var scalable = new ScalableDan(Flat());
        var structure = scalable.Grow(50);
        using var model = new MaskedDeepDan(20, 2, structure.ToStructure(), new DanOptions { LayerNorm = true });
        var graphPath = Path.Combine(_directory, "init.graphml");
        var weightsPath = Path.Combine(_directory, "init.bin");
        structure.Save(graphPath);
        model.save(weightsPath);

        using var reloaded = new MaskedDeepDan(20, 2, LayeredGraph.Load(graphPath).ToStructure(), new DanOptions { LayerNorm = true });
        reloaded.load(weightsPath);

        using var input = torch.rand(50, 20);
        model.eval();
        reloaded.eval();
        Assert.True(model.call(input).equal(reloaded.call(input)).all().item<bool>());
    }

    [Fact]
    public void Uniform_proportions_are_random_almost_equal_shares_summing_to_1()
    {
        var graph = Flat();

        var proportions = ScalableDan.UniformProportions(graph, seed: 1);

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, proportions.Keys.Order());
        Assert.Equal(1.0, proportions.Values.Sum(), 12);
        Assert.All(proportions.Values, share => Assert.InRange(share, 0.1, 0.3));
        Assert.Equal(proportions, ScalableDan.UniformProportions(graph, seed: 1));
        Assert.NotEqual(proportions, ScalableDan.UniformProportions(graph, seed: 2));
        Assert.Equal("concentration", Assert.Throws<ArgumentOutOfRangeException>(() => ScalableDan.UniformProportions(graph, 1, concentration: 0.5)).ParamName);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(100.0)]
    public void Uniform_proportions_have_the_dirichlet_spread(double concentration)
    {
        // n · share of a symmetric Dirichlet(α) on many vertices has mean 1 and standard deviation ≈ 1/√α.
        var graph = new CachedLayeredGraph();
        graph.AddNodesFrom(Enumerable.Range(0, 5000));

        var scaled = ScalableDan.UniformProportions(graph, seed: 3, concentration).Values.Select(p => p * 5000).ToArray();

        var mean = scaled.Average();
        var deviation = Math.Sqrt(scaled.Select(x => (x - mean) * (x - mean)).Average());
        Assert.Equal(1.0, mean, 9);
        Assert.InRange(deviation * Math.Sqrt(concentration), 0.95, 1.05);
    }

    [Fact]
    public void A_grown_dan_from_uniform_proportions_predicts()
    {
        // deepstruct's test_skip_connections.
        var graph = Flat();
        var architecture = new ScalableDan(graph, ScalableDan.UniformProportions(graph, seed: 5));

        using var model = architecture.Build(20, 2, 50);
        using var prediction = model.call(torch.rand(50, 20));

        Assert.Equal(new long[] { 50, 2 }, prediction.shape);
        // Each block is rounded on its own, so the total may miss the scale by a little.
        Assert.InRange(architecture.BlockSizes(50).Sum(), 48, 52);
    }

    [Fact]
    public void Bad_input_is_refused_naming_it()
    {
        var scale = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalableDan(Flat()).Grow(0));
        Assert.Equal("scale", scale.ParamName);
        Assert.Equal(0, scale.ActualValue);
        var empty = Assert.Throws<ArgumentException>(() => new ScalableDan(new CachedLayeredGraph()));
        Assert.Equal("structure", empty.ParamName);
        var count = Assert.Throws<ArgumentException>(() => new ScalableDan(Flat(), new Dictionary<int, double> { [1] = 1.0 }));
        Assert.Equal("proportions", count.ParamName);
        var sum = Assert.Throws<ArgumentException>(() => new ScalableDan(Flat(), Enumerable.Range(1, 5).ToDictionary(v => v, _ => 0.3)));
        Assert.Contains("sum to 1", sum.Message);
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalableDan(Flat(), Enumerable.Range(0, 5).ToDictionary(v => v, _ => 0.2)));
        Assert.Equal(0, unknown.ActualValue);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalableDan(Flat(), new Dictionary<int, double> { [1] = -0.5, [2] = 0.5, [3] = 0.5, [4] = 0.25, [5] = 0.25 }));
        Assert.Equal(-0.5, negative.ActualValue);
        var huge = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalableDan(Flat()).Grow(int.MaxValue));
        Assert.Equal("scale", huge.ParamName);
        var cyclic = new CachedLayeredGraph();
        cyclic.AddEdgesFrom(new[] { (0, 1), (1, 0) });
        Assert.ThrowsAny<ArgumentException>(() => new ScalableDan(cyclic));
    }

    [Fact]
    public void The_base_graph_is_read_once()
    {
        var graph = Flat();
        var scalable = new ScalableDan(graph);
        graph.AddEdge(5, 6);

        Assert.Equal(5, scalable.Structure.VertexCount);
        Assert.Equal(5, scalable.Grow(5).VertexCount);
    }
}
