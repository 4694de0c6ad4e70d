using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Modules.Edges.EdgeDanFixture;

namespace Deepstruct.Runtime.Tests.Modules.Edges;

/// <summary>
/// The edge kernel computes exactly MaskedDeepDan's main and skip maps: the same weights (copied from
/// the dense fused DAN) give the same outputs and the same gradients, for every activation, norm and bias setting.
/// </summary>
public class EdgeDanMapsTests
{
    public static TheoryData<string, Activation, bool, bool> EveryConfiguration()
    {
        var data = new TheoryData<string, Activation, bool, bool>();
        foreach (var structure in StructureNames)
        {
            foreach (var activation in Activations)
            {
                foreach (var norm in new[] { false, true })
                {
                    foreach (var bias in new[] { true, false })
                    {
                        data.Add(structure, activation, norm, bias);
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<Activation, bool> ActivationsAndNorms()
    {
        var data = new TheoryData<Activation, bool>();
        foreach (var activation in Activations)
        {
            data.Add(activation, false);
            data.Add(activation, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryConfiguration))]
    public void In_float64_edge_maps_give_the_dense_dans_outputs_and_gradients_to_1e_12(string structure, Activation activation, bool useLayerNorm, bool bias)
    {
        torch.manual_seed(131);
        using var dan = new MaskedDeepDan(6, 3, Named(structure), new DanOptions { LayerNorm = useLayerNorm, Activation = activation, Bias = bias, Representation = DanRepresentation.Dense });
        dan.to(ScalarType.Float64);
        RandomizeNorms(dan);
        PruneRandomly(dan, seed: 132);
        using var input = torch.randn(new long[] { 5, 6 }, dtype: ScalarType.Float64);

        var worst = CompareWithDense(dan, input);

        Assert.True(worst.Difference <= 1e-12, $"{worst.Name}: relative difference {worst.Difference}");
    }

    [Theory]
    [MemberData(nameof(ActivationsAndNorms))]
    public void In_float32_edge_maps_give_the_dense_dans_outputs_and_gradients_to_1e_5_relative(Activation activation, bool useLayerNorm)
    {
        torch.manual_seed(133);
        using var dan = new MaskedDeepDan(20, 4, Named("dag200"), new DanOptions { LayerNorm = useLayerNorm, Activation = activation, Representation = DanRepresentation.Dense });
        RandomizeNorms(dan);
        using var input = torch.randn(16, 20);

        var worst = CompareWithDense(dan, input);

        Assert.True(worst.Difference <= 1e-5, $"{worst.Name}: relative difference {worst.Difference}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_batch_of_one_gives_the_dense_dans_output_and_gradients_and_leaves_the_biases_as_they_were(bool useLayerNorm)
    {
        // At batch 1 a bias column expanded to [rows, 1] is already contiguous: the kernel's buffers must still be copies.
        torch.manual_seed(135);
        using var dan = new MaskedDeepDan(6, 3, Named("ws100"), new DanOptions { LayerNorm = useLayerNorm, Representation = DanRepresentation.Dense });
        using var maps = EdgesOf(dan);
        using var biasesBefore = maps.SegmentBiases!.detach().clone();
        using var edgelessBefore = maps.EdgelessBiases!.detach().clone();
        using var input = torch.randn(1, 6);

        var worst = CompareWithDense(dan, input);

        Assert.True(worst.Difference <= 1e-5, $"{worst.Name}: relative difference {worst.Difference}");
        Assert.True(maps.SegmentBiases!.detach().eq(biasesBefore).all().item<bool>(), "the segment biases changed");
        Assert.True(maps.EdgelessBiases!.detach().eq(edgelessBefore).all().item<bool>(), "the edgeless-row biases changed");
    }

    [Fact]
    public void Masked_edges_get_a_gradient_of_exactly_zero()
    {
        torch.manual_seed(134);
        using var dan = new MaskedDeepDan(6, 3, Named("ws100"), new DanOptions { LayerNorm = true, Activation = Activation.Tanh, Representation = DanRepresentation.Dense });
        using var maps = EdgesOf(dan);
        using (no_grad())
        {
            using var keep = torch.rand(maps.EdgeMasks.shape).gt(0.3);
            maps.EdgeMasks.logical_and_(keep);

            // Masked weights that are not stored as zero must still take no part.
            using var masked = maps.EdgeMasks.logical_not();
            maps.EdgeWeights.masked_fill_(masked, 3.0);
        }

        using var input = torch.randn(8, 6);
        using var loss = Forward(dan, maps, input).square().sum();
        loss.backward();

        using var grad = maps.EdgeWeights.grad!;
        Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(grad, maps.EdgeMasks));
        using var unmasked = grad.masked_select(maps.EdgeMasks).count_nonzero();
        Assert.True(unmasked.item<long>() > 0, "unmasked edges should get gradients");
    }

    [Fact]
    public void To_float64_converts_the_parameters_and_keeps_the_mask_bool()
    {
        torch.manual_seed(135);
        using var dan = new MaskedDeepDan(6, 3, Named("edgeless-rows"), new DanOptions { LayerNorm = true, Activation = Activation.Sigmoid, Representation = DanRepresentation.Dense });
        var plan = dan.Plan;
        using var maps = new EdgeDanMaps(plan, EdgeDanLayout.Create(plan), Normalized(dan), dan.Activation, bias: true);

        maps.to(ScalarType.Float64);

        Assert.All(maps.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.Equal(ScalarType.Bool, maps.EdgeMasks.dtype);
        Assert.Equal(
            new[] { "edge_weights", "segment_biases", "edgeless_biases", "norm_weights", "norm_biases" }.Order(),
            maps.named_parameters().Select(p => p.name).Order());
        Assert.Equal(new[] { "edge_masks" }, maps.named_buffers().Select(b => b.name));
        using var out0 = torch.randn(new long[] { 4, 2 }, dtype: ScalarType.Float64);
        using var output = maps.call(out0);
        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.Equal(new long[] { 4, 1 }, output.shape);
    }

    [Theory]
    [InlineData("skips")]
    [InlineData("edgeless-rows")]
    [InlineData("dag200")]
    public void Dense_to_edges_to_dense_is_exact(string structure)
    {
        torch.manual_seed(136);
        using var dan = new MaskedDeepDan(6, 3, Named(structure), new DanOptions { Representation = DanRepresentation.Dense });
        PruneRandomly(dan, seed: 137);
        dan.ApplyMask();
        using var maps = EdgesOf(dan);
        var layout = FusedDanLayout.Create(dan.Plan);
        using var weight = torch.full(dan.FusedWeight.shape, 7.0f);
        using var bias = torch.full(dan.FusedBias!.shape, 7.0f);
        using var mask = torch.ones(dan.FusedMask.shape, dtype: ScalarType.Bool);

        maps.CopyToFused(layout, weight, bias, mask);

        TensorAssert.Identical(dan.FusedWeight.detach(), weight);
        TensorAssert.Identical(dan.FusedBias.detach(), bias);
        TensorAssert.Identical(dan.FusedMask, mask);
    }

    [Fact]
    public void Each_map_reads_as_the_dense_dans_view_and_writes_its_edges_only()
    {
        torch.manual_seed(138);
        using var dan = new MaskedDeepDan(6, 3, Named("dag200"), new DanOptions { Representation = DanRepresentation.Dense });
        PruneRandomly(dan, seed: 139);
        dan.ApplyMask();
        using var maps = EdgesOf(dan);
        var views = dan.MainMaps.Select((v, i) => (LayerMapKind.Main, i, v)).Concat(dan.SkipMaps.Select((v, i) => (LayerMapKind.Skip, i, v)));
        foreach (var (kind, index, view) in views)
        {
            using var weight = maps.ReadMapWeight(kind, index);
            using var bias = maps.ReadMapBias(kind, index)!;
            using var mask = maps.ReadMapMask(kind, index);
            TensorAssert.Identical(view.weight, weight);
            TensorAssert.Identical(view.bias!, bias);
            TensorAssert.Identical(view.Mask, mask);
        }

        // Writing: entries that are no edge are ignored; edges, bias rows and the mask arrive.
        var map = dan.Plan.SkipMaps[0];
        using var newWeight = torch.randn(map.OutFeatures, map.InFeatures);
        using var newBias = torch.randn(map.OutFeatures);
        using var newMask = torch.rand(map.OutFeatures, map.InFeatures).gt(0.5);
        maps.WriteMap(LayerMapKind.Skip, 0, newWeight, newBias, newMask);
        using var structure = torch.tensor(map.ToMask()).view(map.OutFeatures, map.InFeatures);
        using var expectedWeight = newWeight.mul(structure);
        using var expectedMask = newMask.logical_and(structure);
        using var readWeight = maps.ReadMapWeight(LayerMapKind.Skip, 0);
        using var readBias = maps.ReadMapBias(LayerMapKind.Skip, 0)!;
        using var readMask = maps.ReadMapMask(LayerMapKind.Skip, 0);
        TensorAssert.Identical(expectedWeight, readWeight);
        TensorAssert.Identical(newBias, readBias);
        TensorAssert.Identical(expectedMask, readMask);
    }

    [Fact]
    public void Every_edge_and_bias_starts_within_its_maps_bound()
    {
        torch.manual_seed(140);
        var plan = DanWiringPlan.Create(Named("dag200"), 6, 3);
        using var maps = new EdgeDanMaps(plan, EdgeDanLayout.Create(plan), new bool[plan.Structure.LayerCount], Activation.ReLU, bias: true);
        var weights = maps.EdgeWeights.data<float>().ToArray();
        var segments = maps.SegmentBiases!.data<float>().ToArray();
        var edgeless = maps.EdgelessBiases!.data<float>().ToArray();
        var largest = 0.0;
        foreach (var slice in maps.Layout.MainMaps.Concat(maps.Layout.SkipMaps))
        {
            var bound = 1.0 / Math.Sqrt(slice.Map.InFeatures);
            for (var r = 0; r < slice.Map.OutFeatures; r++)
            {
                var value = slice.SegmentOfRow[r] >= 0 ? segments[slice.SegmentOfRow[r]] : edgeless[slice.EdgelessOfRow[r]];
                Assert.InRange(Math.Abs(value), 0, bound);
                largest = Math.Max(largest, Math.Abs(value) / bound);
            }

            for (var i = 0; i < slice.EdgeCount; i++)
            {
                Assert.InRange(Math.Abs(weights[slice.EdgeStart + i]), 0, bound);
            }
        }

        Assert.True(largest > 0.9, $"biases should fill their range; the largest is {largest} of its bound");
    }

    [Fact]
    public void Writing_a_map_of_the_wrong_shape_names_the_argument()
    {
        using var dan = new MaskedDeepDan(6, 3, Named("skips"), new DanOptions { Representation = DanRepresentation.Dense });
        using var maps = EdgesOf(dan);
        using var wrong = torch.zeros(3, 3);

        var error = Assert.Throws<ArgumentException>(() => maps.WriteMap(LayerMapKind.Main, 0, wrong, null, null));

        Assert.Equal("weight", error.ParamName);
        Assert.Contains("[3, 3]", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Norm weights and biases away from 1 and 0, so that their gradients and effect are tested.</summary>
    private static void RandomizeNorms(MaskedDeepDan dan)
    {
        using (no_grad())
        {
            foreach (var norm in Norms(dan).Values)
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.uniform_(-0.5, 0.5);
            }
        }
    }

    /// <summary>Runs the dense DAN and the same DAN through edge maps; returns the worst relative difference of output and gradients.</summary>
    private static (string Name, double Difference) CompareWithDense(MaskedDeepDan dan, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var maps = EdgesOf(dan);
        var dtype = dan.InputMap.weight.dtype;
        var norms = Norms(dan);

        dan.zero_grad();
        var denseInput = input.detach().clone().requires_grad_(true);
        var dense = dan.call(denseInput);
        dense.square().sum().backward();
        var denseGrads = dan.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        var denseNormGrads = norms.ToDictionary(n => n.Key, n => (n.Value.weight!.grad!.clone(), n.Value.bias!.grad!.clone()));

        dan.zero_grad();
        var edgeInput = input.detach().clone().requires_grad_(true);
        var edges = Forward(dan, maps, edgeInput);
        edges.square().sum().backward();

        var results = new List<(string, double)>
        {
            ("output", RelativeDifference(edges, dense)),
            ("input gradient", RelativeDifference(edgeInput.grad!, denseInput.grad!)),
            ("input map gradient", RelativeDifference(dan.InputMap.weight.grad!, denseGrads["input_map.weight"])),
            ("output map gradient", RelativeDifference(dan.OutputMap.weight.grad!, denseGrads["output_map.weight"])),
        };

        // The dense map gradients laid out per edge: another EdgeDanMaps copies them through the same conversion.
        using var denseAsEdges = new EdgeDanMaps(dan.Plan, maps.Layout, Normalized(dan), dan.Activation, maps.HasBias);
        denseAsEdges.to(dtype);
        denseAsEdges.CopyFromFused(FusedDanLayout.Create(dan.Plan), denseGrads["map_weights"], maps.HasBias ? denseGrads["map_biases"] : null, dan.FusedMask);
        results.Add(("edge weight gradient", RelativeDifference(maps.EdgeWeights.grad!, denseAsEdges.EdgeWeights)));
        if (maps.HasBias)
        {
            results.Add(("segment bias gradient", RelativeDifference(maps.SegmentBiases!.grad!, denseAsEdges.SegmentBiases!)));
            if (maps.Layout.EdgelessRowCount > 0)
            {
                results.Add(("edgeless bias gradient", RelativeDifference(maps.EdgelessBiases!.grad!, denseAsEdges.EdgelessBiases!)));
            }

            results.Add(("input map bias gradient", RelativeDifference(dan.InputMap.bias!.grad!, denseGrads["input_map.bias"])));
        }

        long offset = 0;
        foreach (var (layer, (weightGrad, biasGrad)) in denseNormGrads.OrderBy(n => n.Key))
        {
            if (layer == 0)
            {
                results.Add(("layer 0 norm weight gradient", RelativeDifference(norms[0].weight!.grad!, weightGrad)));
                continue;
            }

            var size = weightGrad.shape[0];
            results.Add(($"layer {layer} norm weight gradient", RelativeDifference(maps.NormWeights!.grad!.narrow(0, offset, size), weightGrad)));
            results.Add(($"layer {layer} norm bias gradient", RelativeDifference(maps.NormBiases!.grad!.narrow(0, offset, size), biasGrad)));
            offset += size;
        }

        Assert.Equal(offset, maps.NormWeights?.shape[0] ?? 0L);
        return results.MaxBy(r => r.Item2);
    }
}
