using Deepstruct.Runtime.Tests.Training;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>
/// MaskedDeepDan stores its main and skip maps fused; it must compute exactly the map-by-map network,
/// and each map's <see cref="MaskedMapView"/> must behave as a separate masked linear would.
/// </summary>
public class FusedDanTests
{
    public static TheoryData<string, bool, Activation, bool> Configurations() => new()
    {
        { "three-layers", false, Activation.ReLU, true },
        { "three-layers", true, Activation.Tanh, true },
        { "ws60", false, Activation.ReLU, true },
        { "ws60", true, Activation.GELU, false },
        { "random-dag", false, Activation.ELU, true },
        { "random-dag", true, Activation.Identity, true },
        { "diamond_with_skip", false, Activation.LeakyReLU, true },
        { "grid_2d_3x30", true, Activation.Sigmoid, true },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_fused_forward_equals_the_map_by_map_network(string structure, bool useLayerNorm, Activation activation, bool bias)
    {
        torch.manual_seed(101);
        using var dan = Create(structure, useLayerNorm, activation, bias);
        dan.to(ScalarType.Float64);
        PruneRandomly(dan, seed: 102);
        using var input = torch.randn(new long[] { 7, 2, 3 }, dtype: ScalarType.Float64);

        using var fused = dan.call(input);
        using var reference = DanReference.Forward(dan, input);

        Assert.True(DanReference.MaxDifference(reference, fused) <= 1e-12, $"max |difference| = {DanReference.MaxDifference(reference, fused)}");
    }

    [Fact]
    public void In_float32_the_fused_forward_is_within_1e_6_of_the_map_by_map_network()
    {
        torch.manual_seed(103);
        using var dan = new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(300, 4, 0.5, 1));
        using var input = torch.randn(16, 784);

        using var fused = dan.call(input);
        using var reference = DanReference.Forward(dan, input);

        Assert.True(DanReference.MaxDifference(reference, fused) <= 1e-6, $"max |difference| = {DanReference.MaxDifference(reference, fused)}");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Gradients_equal_those_of_the_map_by_map_network(string structure, bool useLayerNorm, Activation activation, bool bias)
    {
        torch.manual_seed(104);
        using var dan = Create(structure, useLayerNorm, activation, bias);
        dan.to(ScalarType.Float64);
        PruneRandomly(dan, seed: 105);
        using var input = torch.randn(new long[] { 5, 2, 3 }, dtype: ScalarType.Float64);

        var fused = Gradients(dan, () => dan.call(input));
        var reference = Gradients(dan, () => DanReference.Forward(dan, input));

        Assert.Equal(reference.Keys, fused.Keys);
        foreach (var (name, expected) in reference)
        {
            Assert.True(DanReference.MaxDifference(expected, fused[name]) <= 1e-12, $"{name}: max |difference| = {DanReference.MaxDifference(expected, fused[name])}");
        }
    }

    [Fact]
    public void Masked_entries_get_a_gradient_of_exactly_zero()
    {
        torch.manual_seed(106);
        using var dan = new MaskedDeepDan(6, 3, StructureFamilies.WattsStrogatz(40, 4, 0.5, 3));
        PruneRandomly(dan, seed: 107);
        // Masked weights that are not stored as zero must still take no part.
        using (torch.no_grad())
        {
            foreach (var map in dan.MainMaps.Concat(dan.SkipMaps))
            {
                using var masked = map.Mask.logical_not();
                map.weight.masked_fill_(masked, 3.0);
            }
        }

        using var input = torch.randn(8, 6);
        using var loss = dan.call(input).square().sum();
        loss.backward();

        foreach (var map in dan.MainMaps.Concat(dan.SkipMaps))
        {
            using var grad = map.grad!;
            Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(grad, map.Mask));
        }

        using var any = dan.MainMaps.Concat(dan.SkipMaps).Select(map => map.grad!.abs().sum()).Aggregate((a, b) => a.add(b));
        Assert.True(any.item<float>() > 0, "unmasked weights should get gradients");
        using var reference = DanReference.Forward(dan, input);
        using var output = dan.call(input);
        Assert.True(DanReference.MaxDifference(reference, output) <= 1e-6);
    }

    [Fact]
    public void Views_are_stable_objects_parallel_to_the_plan()
    {
        using var dan = new MaskedDeepDan(4, 2, StructureFamilies.RandomDag(25, 0.3, 4));

        Assert.Equal(dan.Plan.MainMaps.Count, dan.MainMaps.Count);
        Assert.Equal(dan.Plan.SkipMaps.Count, dan.SkipMaps.Count);
        Assert.NotEmpty(dan.SkipMaps);
        foreach (var (plan, view) in dan.Plan.MainMaps.Concat(dan.Plan.SkipMaps).Zip(dan.MainMaps.Concat(dan.SkipMaps)))
        {
            Assert.Equal((plan.SourceLayer, plan.TargetLayer), (view.SourceLayer, view.TargetLayer));
            Assert.Equal(new long[] { plan.OutFeatures, plan.InFeatures }, view.Mask.shape);
            Assert.Equal(new long[] { plan.OutFeatures, plan.InFeatures }, view.weight.shape);
            Assert.Equal(new long[] { plan.OutFeatures }, view.bias!.shape);
            Assert.Equal(plan.ConnectionCount, view.Mask.count_nonzero().item<long>());
            Assert.Equal(plan.ToMask(), view.Mask.reshape(-1).data<bool>().ToArray());
        }

        Assert.Same(dan.SkipMaps[0], dan.SkipMaps[0]);
        Assert.Same(dan.MainMaps[^1], dan.MaskableLayers().ElementAt(dan.MainMaps.Count));
    }

    [Fact]
    public void Weight_and_mask_edits_through_a_view_reach_the_network()
    {
        torch.manual_seed(108);
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers());
        using var input = torch.randn(4, 5);
        using var before = dan.call(input);
        var skip = dan.SkipMaps[0];
        var fusedWeight = dan.named_parameters().Single(p => p.name == "map_weights").parameter;
        using var fusedBefore = fusedWeight.detach().clone();

        using (torch.no_grad())
        {
            skip.weight.fill_(0.25);
            skip.bias!.fill_(-0.5);
        }

        // Exactly the map's own entries of the fused parameter changed.
        using var changed = fusedWeight.detach().ne(fusedBefore);
        Assert.Equal(skip.Capacity, changed.count_nonzero().item<long>());
        using var changedInMap = skip.SliceOf(changed);
        Assert.True(changedInMap.all().item<bool>());
        using var after = dan.call(input);
        Assert.False(after.eq(before).all().item<bool>());
        using var reference = DanReference.Forward(dan, input);
        Assert.True(DanReference.MaxDifference(reference, after) <= 1e-6);

        // Cutting every connection of a skip map leaves it its bias: act(bias) is added to its target layer.
        var unmaskedBefore = Deepstruct.Pruning.UnmaskedWeightCount(dan);
        var cut = skip.Mask.count_nonzero().item<long>();
        skip.Mask = torch.zeros(skip.Mask.shape, dtype: ScalarType.Bool);
        Assert.Equal(unmaskedBefore - cut, Deepstruct.Pruning.UnmaskedWeightCount(dan));
        var fusedMask = dan.named_buffers().Single(b => b.name == "map_masks").buffer;
        Assert.Equal(dan.MainMaps.Concat(dan.SkipMaps).Sum(m => m.Mask.count_nonzero().item<long>()), fusedMask.count_nonzero().item<long>());
        using var silenced = dan.call(input);
        using var silencedReference = DanReference.Forward(dan, input);
        Assert.True(DanReference.MaxDifference(silencedReference, silenced) <= 1e-6);
        using var silencedSkip = skip.forward(torch.randn(3, skip.InFeatures));
        using var bias = skip.bias!.unsqueeze(0).expand(3, -1);
        TensorAssert.Identical(bias, silencedSkip);
    }

    [Fact]
    public void Views_follow_the_network_to_another_dtype()
    {
        torch.manual_seed(109);
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers(), new DanOptions { LayerNorm = true });
        var map = dan.MainMaps[0];
        Assert.Equal(ScalarType.Float32, map.weight.dtype);

        dan.to(ScalarType.Float64);

        Assert.Equal(ScalarType.Float64, map.weight.dtype);
        Assert.Equal(ScalarType.Float64, map.bias!.dtype);
        Assert.Equal(ScalarType.Bool, map.Mask.dtype);
        var state = dan.state_dict();
        Assert.Equal(ScalarType.Bool, state["map_masks"].dtype);
        using (torch.no_grad())
        {
            map.weight.mul_(2.0);
        }

        using var input = torch.randn(3, 5, dtype: ScalarType.Float64);
        using var output = dan.call(input);
        using var reference = DanReference.Forward(dan, input);
        Assert.True(DanReference.MaxDifference(reference, output) <= 1e-12);
        using var stored = state["map_weights"].narrow(0, 0, map.Capacity).view(map.OutFeatures, map.InFeatures);
        TensorAssert.Identical(map.weight, stored);
    }

    [Fact]
    public void The_state_dict_holds_the_fused_tensors_and_no_per_map_entries()
    {
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers(), new DanOptions { LayerNorm = true });

        var keys = dan.state_dict().Keys.ToHashSet();

        Assert.Contains("map_weights", keys);
        Assert.Contains("map_biases", keys);
        Assert.Contains("map_masks", keys);
        Assert.Contains("input_map.mask", keys);
        Assert.Contains("output_map.weight", keys);
        Assert.DoesNotContain(keys, key => key.StartsWith("skip_maps", StringComparison.Ordinal) || key.StartsWith("main_maps", StringComparison.Ordinal));
        var total = dan.MainMaps.Concat(dan.SkipMaps).Sum(map => map.Capacity);
        Assert.Equal(total, dan.state_dict()["map_weights"].numel());
        Assert.Equal(dan.MainMaps.Concat(dan.SkipMaps).Sum(map => map.OutFeatures), dan.state_dict()["map_biases"].numel());
    }

    [Fact]
    public void A_network_without_biases_has_no_fused_bias()
    {
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers(), new DanOptions { Bias = false });

        Assert.All(dan.MainMaps.Concat(dan.SkipMaps), map => Assert.Null(map.bias));
        Assert.DoesNotContain("map_biases", dan.state_dict().Keys);
        Assert.Null(dan.InputMap.bias);
    }

    [Fact]
    public void Each_connection_starts_uniform_within_one_over_root_fan_in_and_masked_entries_at_zero()
    {
        torch.manual_seed(110);
        using var dan = new MaskedDeepDan(16, 4, StructureFamilies.WattsStrogatz(600, 4, 0.5, 5));
        var scaled = new List<double>();
        var scaledBiases = new List<double>();
        foreach (var map in dan.MainMaps.Concat(dan.SkipMaps))
        {
            Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(map.weight, map.Mask));
            var bound = 1.0 / Math.Sqrt(map.InFeatures);
            using var kept = map.weight.masked_select(map.Mask).to_type(ScalarType.Float64).div(bound);
            scaled.AddRange(kept.data<double>().ToArray());
            using var bias = map.bias!.to_type(ScalarType.Float64).div(bound);
            scaledBiases.AddRange(bias.data<double>().ToArray());
        }

        // Scaled by √fan_in every value is uniform on [-1, 1]: mean 0, variance 1/3.
        foreach (var values in new[] { scaled, scaledBiases })
        {
            Assert.True(values.Count > 1000);
            Assert.All(values, v => Assert.InRange(v, -1.0 - 1e-6, 1.0 + 1e-6));
            var mean = values.Average();
            var variance = values.Select(v => (v - mean) * (v - mean)).Average();
            Assert.InRange(mean, -0.05, 0.05);
            Assert.InRange(variance, 1.0 / 3 - 0.03, 1.0 / 3 + 0.03);
        }
    }

    [Fact]
    public void Pruning_sees_every_weight_exactly_once()
    {
        torch.manual_seed(111);
        using var dan = new MaskedDeepDan(8, 3, StructureFamilies.WattsStrogatz(80, 4, 0.5, 6));

        var layers = MaskedWeights.Of(dan);
        var parameters = dan.named_parameters().ToDictionary(p => p.name, p => p.parameter.numel());

        Assert.Equal(2 + dan.MainMaps.Count + dan.SkipMaps.Count, layers.Count);
        Assert.Equal(parameters["input_map.weight"] + parameters["map_weights"] + parameters["output_map.weight"], layers.Sum(l => l.Capacity));
        var connections = dan.Plan.MainMaps.Concat(dan.Plan.SkipMaps).Sum(m => m.ConnectionCount);
        var unmasked = parameters["input_map.weight"] + parameters["output_map.weight"] + connections;
        Assert.Equal(unmasked, Deepstruct.Pruning.UnmaskedWeightCount(dan));

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(dan, 10);

        Assert.Equal(unmasked, result.UnmaskedBefore);
        Assert.Equal(unmasked / 10, result.Pruned);
        Assert.Equal(unmasked - (unmasked / 10), Deepstruct.Pruning.UnmaskedWeightCount(dan));
        var fusedWeight = dan.named_parameters().Single(p => p.name == "map_weights").parameter;
        var fusedMask = dan.named_buffers().Single(b => b.name == "map_masks").buffer;
        Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(fusedWeight, fusedMask));
        Assert.Equal(connections, fusedMask.count_nonzero().item<long>() + result.PrunedPerLayer.Skip(1).Take(layers.Count - 2).Sum());
    }

    [Fact]
    public void Per_layer_pruning_prunes_each_map_on_its_own()
    {
        torch.manual_seed(112);
        using var dan = new MaskedDeepDan(8, 3, StructureFamilies.WattsStrogatz(80, 4, 0.5, 6));
        var before = dan.MaskableLayers().Select(l => l.Mask.count_nonzero().item<long>()).ToArray();

        var result = Deepstruct.Pruning.PruneLayerBySaliency(dan, 50);

        var after = dan.MaskableLayers().Select(l => l.Mask.count_nonzero().item<long>()).ToArray();
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i] / 2, result.PrunedPerLayer[i]);
            Assert.Equal(before[i] - (before[i] / 2), after[i]);
        }
    }

    [Fact]
    public void The_mask_summary_names_each_map_also_inside_a_container()
    {
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers());
        using var container = nn.Sequential(("dan", (nn.Module<Tensor, Tensor>)dan));

        var names = MaskSummary.Of(dan).Layers.Select(l => l.Name).ToArray();
        var nested = MaskSummary.Of(container).Layers.Select(l => l.Name).ToArray();

        var expected = new[] { "input_map" }
            .Concat(dan.MainMaps.Select((_, i) => $"main_maps.{i}"))
            .Concat(dan.SkipMaps.Select((_, i) => $"skip_maps.{i}"))
            .Append("output_map");
        Assert.Equal(expected, names);
        Assert.Equal(expected.Select(name => "dan." + name), nested);
    }

    [Fact]
    public void Optimal_brain_damage_differentiates_each_map_through_the_fused_weight()
    {
        torch.manual_seed(113);
        using var dan = new MaskedDeepDan(4, 2, TrainingTests.ThreeLayers());
        using var inputs = torch.randn(6, 4);
        using var targets = torch.randn(6, 2);
        var data = new[] { (inputs, targets) };
        var obd = new OptimalBrainDamageSaliency(dan, data, (y, t) => nn.functional.mse_loss(y, t));
        var layers = dan.MaskableLayers().ToArray();

        var hessian = obd.ComputeHessianDiagonal(layers);

        // The empirical Fisher by hand: each example's squared gradient, averaged, read per map.
        var fused = dan.named_parameters().Single(p => p.name == "map_weights").parameter;
        using var sum = torch.zeros_like(fused);
        for (var e = 0; e < 6; e++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = nn.functional.mse_loss(dan.call(inputs.narrow(0, e, 1)), targets.narrow(0, e, 1));
            var grad = torch.autograd.grad(new[] { loss }, new[] { fused })[0];
            sum.add_(grad.square());
        }

        sum.div_(6);
        foreach (var (map, index) in dan.MainMaps.Concat(dan.SkipMaps).Select((m, i) => (m, i + 1)))
        {
            using var expected = map.SliceOf(sum).masked_fill(map.Mask.logical_not(), 0);
            Assert.True(DanReference.MaxDifference(expected, hessian[index]) <= 1e-7, $"map {index}");
        }

        Assert.True(hessian.Skip(1).Take(layers.Length - 2).Sum(h => h.sum().item<float>()) > 0);
    }

    [Fact]
    public void The_exact_Hessian_diagonal_of_a_map_matches_second_derivatives_by_hand()
    {
        torch.manual_seed(114);
        using var dan = new MaskedDeepDan(3, 1, TrainingTests.ThreeLayers(), new DanOptions { Activation = Activation.Tanh });
        using var inputs = torch.randn(4, 3);
        using var targets = torch.randn(4, 1);
        var skip = dan.SkipMaps[^1];
        var obd = new OptimalBrainDamageSaliency(dan, new[] { (inputs, targets) }, (y, t) => nn.functional.mse_loss(y, t), HessianDiagonal.Exact);

        var diagonal = obd.ComputeHessianDiagonal(new IMaskedWeight[] { skip })[0];

        var fused = dan.named_parameters().Single(p => p.name == "map_weights").parameter;
        var mask = skip.Mask.reshape(-1).data<bool>().ToArray();
        using var flatDiagonal = diagonal.reshape(-1);
        for (var j = 0; j < mask.Length; j++)
        {
            using var scope = torch.NewDisposeScope();
            var loss = nn.functional.mse_loss(dan.call(inputs), targets);
            var grad = torch.autograd.grad(new[] { loss }, new[] { fused }, retain_graph: true, create_graph: true)[0];
            var entry = skip.SliceOf(grad).reshape(-1)[j];
            var expected = mask[j] ? skip.SliceOf(torch.autograd.grad(new[] { entry }, new[] { fused }, retain_graph: true)[0]).reshape(-1)[j].item<float>() : 0f;
            Assert.Equal(expected, flatDiagonal[j].item<float>(), 5);
        }
    }

    private static MaskedDeepDan Create(string structure, bool useLayerNorm, Activation activation, bool bias)
    {
        var wiring = structure switch
        {
            "three-layers" => TrainingTests.ThreeLayers(),
            "ws60" => StructureFamilies.WattsStrogatz(60, 4, 0.5, 2),
            "random-dag" => StructureFamilies.RandomDag(30, 0.3, 2),
            _ => ReferenceFixture.Load(structure).ToStructure(),
        };
        return new MaskedDeepDan(new long[] { 2, 3 }, 3, wiring, new DanOptions { LayerNorm = useLayerNorm, Activation = activation, Bias = bias });
    }

    /// <summary>Masks about a quarter of each map at random, leaving the masked weights stored (not zeroed).</summary>
    private static void PruneRandomly(MaskedDeepDan dan, long seed)
    {
        var generator = new torch.Generator((ulong)seed);
        foreach (var layer in dan.MaskableLayers())
        {
            using var keep = torch.rand(layer.Mask.shape, generator: generator).gt(0.25);
            using var mask = layer.Mask.logical_and(keep);
            layer.Mask = mask;
        }
    }

    private static Dictionary<string, Tensor> Gradients(MaskedDeepDan dan, Func<Tensor> forward)
    {
        dan.zero_grad();
        using (var loss = forward().square().sum())
        {
            loss.backward();
        }

        return dan.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
    }
}
