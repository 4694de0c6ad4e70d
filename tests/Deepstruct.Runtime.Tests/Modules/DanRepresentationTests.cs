using Deepstruct.Extraction;
using Deepstruct.Runtime.Tests.Training;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>
/// The two representations of a DAN's main and skip maps (Dense fused blocks, Edges one weight per edge)
/// compute the same function with the same weights, and everything built on a DAN works on both.
/// </summary>
public class DanRepresentationTests
{
    private static readonly DanOptions Dense = new() { Representation = DanRepresentation.Dense };
    private static readonly DanOptions Edges = new() { Representation = DanRepresentation.Edges };

    // Auto picks Edges on the first (0.9 % of the dense fused entries are edges), Dense on the second.
    public static TheoryData<string, bool, Activation, bool> Cases => new()
    {
        { "ws1000", false, Activation.ReLU, true },
        { "ws1000", true, Activation.Tanh, true },
        { "three", false, Activation.ReLU, true },
        { "three", true, Activation.GELU, false },
        { "dag60", true, Activation.ELU, true },
    };

    private static Structure Named(string name) => name switch
    {
        "ws1000" => StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1),
        "three" => TrainingTests.ThreeLayers(),
        "dag60" => StructureFamilies.RandomDag(60, 0.2, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public void Auto_stores_a_sparse_structure_per_edge_and_a_dense_one_fused()
    {
        using var sparse = new MaskedDeepDan(6, 3, Named("ws1000"));
        using var small = new MaskedDeepDan(6, 3, Named("three"));
        using var single = new MaskedDeepDan(6, 3, Structure.Create(3, Array.Empty<Edge>()));

        Assert.True(sparse.EdgeCount <= DanOptions.AutoEdgeDensity * sparse.DenseFusedEntries, $"{sparse.EdgeCount} edges of {sparse.DenseFusedEntries}");
        Assert.Equal(DanRepresentation.Edges, sparse.Representation);
        Assert.True(small.EdgeCount > DanOptions.AutoEdgeDensity * small.DenseFusedEntries, $"{small.EdgeCount} edges of {small.DenseFusedEntries}");
        Assert.Equal(DanRepresentation.Dense, small.Representation);
        Assert.Equal(DanRepresentation.Dense, single.Representation);
        Assert.Equal(DanRepresentation.Auto, sparse.Options.Representation);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Both_representations_equal_the_map_by_map_reference_in_outputs_and_gradients(string structure, bool layerNorm, Activation activation, bool bias)
    {
        torch.manual_seed(5);
        var options = new DanOptions { LayerNorm = layerNorm, Activation = activation, Bias = bias };
        using var reference = new MaskedDeepDan(new long[] { 2, 3 }, 3, Named(structure), options with { Representation = DanRepresentation.Dense });
        using var dense = new MaskedDeepDan(new long[] { 2, 3 }, 3, Named(structure), options with { Representation = DanRepresentation.Dense });
        using var edges = new MaskedDeepDan(new long[] { 2, 3 }, 3, Named(structure), options with { Representation = DanRepresentation.Edges });
        foreach (var model in new[] { reference, dense, edges })
        {
            model.to(ScalarType.Float64);
        }

        PruneEveryThirdEdge(reference);
        PerturbNorms(reference);
        dense.load_state_dict(reference.state_dict());
        edges.load_state_dict(reference.state_dict());

        using var input = randn(7, 2, 3, dtype: ScalarType.Float64);
        using var weights = randn(7, 3, dtype: ScalarType.Float64);
        using var expected = DanReference.Forward(reference, input);
        using var fromDense = dense.call(input);
        using var fromEdges = edges.call(input);
        Assert.True(DanReference.MaxDifference(expected, fromDense) <= 1e-12);
        Assert.True(DanReference.MaxDifference(expected, fromEdges) <= 1e-12);

        foreach (var (model, output) in new[] { (reference, expected), (dense, fromDense), (edges, fromEdges) })
        {
            using var loss = output.mul(weights).sum();
            loss.backward();
        }

        for (var i = 0; i < reference.MainMaps.Count + reference.SkipMaps.Count; i++)
        {
            var (r, d, e) = i < reference.MainMaps.Count
                ? (reference.MainMaps[i], dense.MainMaps[i], edges.MainMaps[i])
                : (reference.SkipMaps[i - reference.MainMaps.Count], dense.SkipMaps[i - reference.MainMaps.Count], edges.SkipMaps[i - reference.MainMaps.Count]);
            using var expectedGrad = r.grad!;
            using var denseGrad = d.grad!;
            using var edgeGrad = e.grad!;
            Assert.True(DanReference.MaxDifference(expectedGrad, denseGrad) <= 1e-12, $"map {i} (dense)");
            Assert.True(DanReference.MaxDifference(expectedGrad, edgeGrad) <= 1e-12, $"map {i} (edges)");
        }

        Assert.True(DanReference.MaxDifference(reference.InputMap.weight.grad!, edges.InputMap.weight.grad!) <= 1e-12);
        Assert.True(DanReference.MaxDifference(reference.OutputMap.weight.grad!, edges.OutputMap.weight.grad!) <= 1e-12);
    }

    [Fact]
    public void Float32_outputs_of_both_representations_agree_to_1e5_relative()
    {
        torch.manual_seed(8);
        using var dense = new MaskedDeepDan(6, 3, Named("ws1000"), Dense);
        using var edges = new MaskedDeepDan(6, 3, Named("ws1000"), Edges);
        edges.load_state_dict(dense.state_dict());
        using var input = randn(5, 6);
        using var expected = dense.call(input);
        using var actual = edges.call(input);
        using var scale = expected.abs().max();
        Assert.True(DanReference.MaxDifference(expected, actual) <= 1e-5 * Math.Max(1, scale.item<float>()));
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void Masked_edges_get_a_gradient_of_exactly_zero(DanRepresentation representation)
    {
        torch.manual_seed(9);
        using var model = new MaskedDeepDan(6, 3, Named("ws1000"), new DanOptions { Representation = representation });
        PruneEveryThirdEdge(model);
        using var input = randn(4, 6);
        using var loss = model.call(input).square().sum();
        loss.backward();

        var checkedMasked = 0L;
        foreach (var layer in model.MaskableLayers())
        {
            using var gradient = MaskedWeightParameters.SliceOf(layer, MaskedWeightParameters.ParameterOf(layer).grad!);
            using var masked = layer.Mask.logical_not();
            using var atMasked = gradient.masked_select(masked);
            checkedMasked += atMasked.NumberOfElements;
            Assert.Equal(0, atMasked.count_nonzero().item<long>());
        }

        Assert.True(checkedMasked > 0);
    }

    [Theory]
    [InlineData(PruningStrategy.Percentage, 30.0)]
    [InlineData(PruningStrategy.Absolute, 100.0)]
    [InlineData(PruningStrategy.Bucket, 0.2)]
    public void Pruning_counts_are_identical_under_both_representations(PruningStrategy strategy, double value)
    {
        torch.manual_seed(10);
        using var dense = new MaskedDeepDan(6, 3, Named("ws1000"), Dense);
        using var edges = new MaskedDeepDan(6, 3, Named("ws1000"), Edges);
        edges.load_state_dict(dense.state_dict());
        Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(dense), Deepstruct.Pruning.UnmaskedWeightCount(edges));

        var fromDense = Deepstruct.Pruning.PruneNetworkBySaliency(dense, value, strategy);
        var fromEdges = Deepstruct.Pruning.PruneNetworkBySaliency(edges, value, strategy);
        Assert.Equal(fromDense.UnmaskedBeforePerLayer, fromEdges.UnmaskedBeforePerLayer);
        Assert.Equal(fromDense.PrunedPerLayer, fromEdges.PrunedPerLayer);
        Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(dense), Deepstruct.Pruning.UnmaskedWeightCount(edges));

        // Magnitude ties aside, the same edges go: every map's mask agrees.
        for (var i = 0; i < dense.MainMaps.Count; i++)
        {
            using var edgeMask = edges.MainMaps[i].Mask;
            Assert.True(dense.MainMaps[i].Mask.equal(edgeMask).all().item<bool>(), $"main map {i}");
        }

        var layerwise = Deepstruct.Pruning.PruneLayerBySaliency(dense, 10, PruningStrategy.Percentage);
        var layerwiseEdges = Deepstruct.Pruning.PruneLayerBySaliency(edges, 10, PruningStrategy.Percentage);
        Assert.Equal(layerwise.PrunedPerLayer, layerwiseEdges.PrunedPerLayer);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense, DanRepresentation.Edges)]
    [InlineData(DanRepresentation.Edges, DanRepresentation.Dense)]
    public void A_checkpoint_saved_under_one_representation_loads_under_the_other(DanRepresentation saved, DanRepresentation loaded)
    {
        torch.manual_seed(11);
        var options = new DanOptions { LayerNorm = true, Activation = Activation.Tanh };
        using var original = new MaskedDeepDan(6, 3, Named("ws1000"), options with { Representation = saved });
        PruneEveryThirdEdge(original);
        PerturbNorms(original);
        byte[] saved1;
        using (var written = new MemoryStream())
        {
            original.save(written);
            saved1 = written.ToArray();
        }

        using var stream = new MemoryStream(saved1);

        using var copy = new MaskedDeepDan(6, 3, Named("ws1000"), options with { Representation = loaded });
        copy.load(stream);

        using var input = randn(4, 6);
        using var expected = original.call(input);
        using var actual = copy.call(input);
        Assert.True(DanReference.MaxDifference(expected, actual) <= 1e-5);
        Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(original), Deepstruct.Pruning.UnmaskedWeightCount(copy));

        using var again = new MaskedDeepDan(6, 3, Named("ws1000"), options with { Representation = saved });
        again.load_state_dict(copy.state_dict());
        using var back = again.call(input);
        Assert.True(DanReference.MaxDifference(expected, back) <= 1e-5);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void A_checkpoint_of_another_structure_is_refused_under_either_representation(DanRepresentation representation)
    {
        // Same layer sizes and edge count, other edges: every tensor has the same shape.
        var straight = Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 3) });
        var crossed = Structure.Create(4, new[] { new Edge(0, 3), new Edge(1, 2) });
        foreach (var savedAs in new[] { DanRepresentation.Dense, DanRepresentation.Edges })
        {
            using var other = new MaskedDeepDan(3, 2, straight, new DanOptions { Representation = savedAs });
            using var model = new MaskedDeepDan(3, 2, crossed, new DanOptions { Representation = representation });
            using var input = randn(2, 3);
            using var before = model.call(input);

            var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(other.state_dict()));
            Assert.Contains("another structure", error.Message, StringComparison.Ordinal);
            using var after = model.call(input);
            TensorAssert.Identical(before, after);
        }
    }

    [Fact]
    public void The_parameter_count_follows_the_documented_formula()
    {
        var structure = Named("ws1000");
        using var edges = new MaskedDeepDan(6, 3, structure, Edges with { LayerNorm = true });
        using var dense = new MaskedDeepDan(6, 3, structure, Dense with { LayerNorm = true });
        var plan = edges.Plan;
        long rows = plan.MainMaps.Sum(map => (long)map.OutFeatures) + plan.SkipMaps.Sum(map => (long)map.OutFeatures);
        long norms = Enumerable.Range(0, structure.LayerCount).Where(edges.HasLayerNorm).Sum(layer => 2L * structure.Layers.SizeOf(layer));
        long n0 = structure.Layers.SizeOf(0);
        long last = structure.Layers.SizeOf(structure.LayerCount - 1);
        var maps = (6 * n0) + (last * 3) + n0 + 3 + rows + norms;

        Assert.Equal(structure.EdgeCount + maps, edges.ParameterCount);
        Assert.Equal(edges.DenseFusedEntries + maps, dense.ParameterCount);
        Assert.Equal(edges.parameters().Sum(p => p.NumberOfElements), edges.ParameterCount);
        var summary = MaskSummary.Of(edges);
        Assert.Equal(edges.ParameterCount, summary.Parameters);
        Assert.Equal("main_maps.0", summary.Layers[1].Name);
        Assert.Equal(new long[] { plan.MainMaps[0].ConnectionCount }, summary.Layers[1].Shape);
        Assert.Contains("parameters " + edges.ParameterCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Edge_maps_are_read_as_copies_and_set_per_map()
    {
        torch.manual_seed(12);
        using var model = new MaskedDeepDan(6, 3, Named("ws1000"), Edges);
        var map = model.MainMaps.First(m => m.WeightCount > 1);
        Assert.False(map.WritesThrough);

        using var weight = map.weight;
        using var mask = map.Mask;
        using var doubled = weight.mul(2);
        map.SetWeight(doubled);
        using var reread = map.weight;
        TensorAssert.Identical(doubled, reread);

        using var bias = torch.full(map.OutFeatures, 0.25f);
        map.SetBias(bias);
        using var rereadBias = map.bias!;
        TensorAssert.Identical(bias, rereadBias);

        using var pruned = mask.clone();
        using var first = mask.flatten().nonzero()[0];
        pruned.view(-1)[first.item<long>()] = torch.tensor(false);
        map.SetMask(pruned);
        Assert.Equal(map.WeightCount, pruned.count_nonzero().item<long>());
        using var wider = torch.ones(map.OutFeatures, map.InFeatures, dtype: ScalarType.Bool);
        if (map.WeightCount + 1 < map.Capacity)
        {
            Assert.Throws<ArgumentException>(() => map.SetMask(wider));
        }
    }

    [Fact]
    public void Training_with_the_mask_preserving_optimizer_keeps_pruned_edges_at_zero_in_float64()
    {
        torch.manual_seed(13);
        using var model = new MaskedDeepDan(6, 3, Named("ws1000"), Edges);
        model.to(ScalarType.Float64);
        PruneEveryThirdEdge(model);
        using var optimizer = new MaskPreservingOptimizer(torch.optim.SGD(model.parameters(), 0.1), model);
        using var input = randn(8, 6, dtype: ScalarType.Float64);
        for (var step = 0; step < 3; step++)
        {
            optimizer.zero_grad();
            using var loss = model.call(input).square().mean();
            loss.backward();
            optimizer.step();
        }

        foreach (var layer in model.MaskableLayers())
        {
            Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(layer.Weight, layer.Mask));
        }
    }

    [Fact]
    public void Extraction_finds_the_same_graph_under_both_representations()
    {
        torch.manual_seed(14);
        using var dense = new MaskedDeepDan(6, 3, Named("ws1000"), Dense);
        using var edges = new MaskedDeepDan(6, 3, Named("ws1000"), Edges);
        PruneEveryThirdEdge(dense);
        edges.load_state_dict(dense.state_dict());
        var fromDense = new GraphTransform(randn(1, 6)).Transform(dense);
        var fromEdges = new GraphTransform(randn(1, 6)).Transform(edges);
        Assert.Equal(fromDense.VertexCount, fromEdges.VertexCount);
        Assert.Equal(fromDense.Edges.Select(e => (e.Source, e.Target)).OrderBy(e => e), fromEdges.Edges.Select(e => (e.Source, e.Target)).OrderBy(e => e));
    }

    /// <summary>Masks every third edge of every main and skip map (through the per-map setter, under either representation).</summary>
    private static void PruneEveryThirdEdge(MaskedDeepDan model)
    {
        foreach (var map in model.MainMaps.Concat(model.SkipMaps))
        {
            using var mask = map.Mask.clone();
            using var flat = mask.view(-1);
            using var kept = flat.nonzero().view(-1);
            using var every = kept.index_select(0, torch.arange(0, kept.shape[0], 3));
            flat.index_fill_(0, every, false);
            map.SetMask(mask);
        }

        model.ApplyMask();
    }

    /// <summary>Moves the norms away from γ = 1, β = 0, so that a wrongly converted norm shows.</summary>
    private static void PerturbNorms(MaskedDeepDan model)
    {
        using var _ = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.Contains("norm", StringComparison.Ordinal))
            {
                using var noise = torch.rand_like(parameter);
                parameter.add_(noise);
            }
        }
    }
}
