using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Global pruning masks exactly the globally least salient weights, in exact numbers.</summary>
public class GlobalPruningTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(10.0)]
    [InlineData(33.3)]
    [InlineData(50.0)]
    [InlineData(99.9)]
    [InlineData(100.0)]
    public void Percentage_masks_exactly_the_floor_of_p_N_over_100_globally_least_salient(double percentage)
    {
        torch.manual_seed(1);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();
        var ranks = PlantedSaliency.Ranks(layers, seed: 2);
        const long n = 30 + 20 + 12;
        var expected = (long)Math.Floor(percentage * n / 100);

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, percentage, PruningStrategy.Percentage, SaliencySource.PerLayer(ranks));

        Assert.Equal(expected, result.Pruned);
        for (var l = 0; l < layers.Length; l++)
        {
            // Exactly the ranks below the count are gone, wherever they are.
            using var shouldGo = ranks[l].lt(expected);
            using var gone = layers[l].Mask.logical_not();
            TensorAssert.Identical(shouldGo, gone);
        }
    }

    [Fact]
    public void Percentage_reads_p_as_the_decimal_it_prints_as()
    {
        // 0.3 % of 1000 is 3 (the binary double 0.3 is a hair below 3/10).
        using var layer = new MaskedLinear(100, 10);
        var result = Deepstruct.Pruning.PruneNetworkBySaliency(new IMaskedWeight[] { layer }, 0.3);
        Assert.Equal(3, result.Pruned);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(17L)]
    [InlineData(62L)]
    public void Absolute_masks_exactly_k_globally_least_salient(long k)
    {
        torch.manual_seed(3);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();
        var ranks = PlantedSaliency.Ranks(layers, seed: 4);

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, k, PruningStrategy.Absolute, SaliencySource.PerLayer(ranks));

        Assert.Equal(k, result.Pruned);
        for (var l = 0; l < layers.Length; l++)
        {
            using var shouldGo = ranks[l].lt(k);
            using var gone = layers[l].Mask.logical_not();
            TensorAssert.Identical(shouldGo, gone);
        }
    }

    [Theory]
    [InlineData(0.0, 1L)]
    [InlineData(0.5, 1L)]
    [InlineData(1.0, 2L)]
    [InlineData(10.0, 5L)]
    [InlineData(15.0, 6L)]
    [InlineData(1e9, 62L)]
    public void Bucket_masks_the_least_salient_while_their_sum_stays_within_it(double bucket, long expected)
    {
        // Rank 0 is a saliency of 0, which fits any bucket; ranks 0 to 4 sum to 10; adding 5 makes 15.
        torch.manual_seed(5);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();
        var ranks = PlantedSaliency.Ranks(layers, seed: 6);

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, bucket, PruningStrategy.Bucket, SaliencySource.PerLayer(ranks));

        Assert.Equal(expected, result.Pruned);
        var prunedSum = 0.0;
        var smallestKept = double.PositiveInfinity;
        for (var l = 0; l < layers.Length; l++)
        {
            using var gone = layers[l].Mask.logical_not();
            using var goneValues = ranks[l].masked_select(gone);
            using var keptValues = ranks[l].masked_select(layers[l].Mask);
            prunedSum += goneValues.sum().item<float>();
            if (keptValues.NumberOfElements > 0)
            {
                smallestKept = Math.Min(smallestKept, keptValues.min().item<float>());
            }
        }

        Assert.True(prunedSum <= bucket, $"pruned saliency {prunedSum} exceeds the bucket {bucket}");
        Assert.True(double.IsPositiveInfinity(smallestKept) || prunedSum + smallestKept > bucket, "the next weight would still have fit");
    }

    [Fact]
    public void Bucket_on_real_magnitudes_meets_its_sum()
    {
        torch.manual_seed(7);
        using var model = new MaskedDeepFfn(20, 5, new[] { 16 });
        var layers = model.MaskableLayers().ToArray();
        var magnitudes = layers.Select(layer => layer.Weight.detach().abs().clone()).ToArray();
        const double bucket = 0.75;

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, bucket, PruningStrategy.Bucket, SaliencySource.Magnitude);

        var pruned = 0.0;
        var smallestKept = double.PositiveInfinity;
        for (var l = 0; l < layers.Length; l++)
        {
            using var gone = layers[l].Mask.logical_not();
            pruned += magnitudes[l].masked_select(gone).to(ScalarType.Float64).sum().item<double>();
            smallestKept = Math.Min(smallestKept, magnitudes[l].masked_select(layers[l].Mask).min().item<float>());
        }

        Assert.True(result.Pruned > 0);
        Assert.True(pruned <= bucket);
        Assert.True(pruned + smallestKept > bucket);
    }

    [Fact]
    public void Ties_go_to_the_earlier_layer_then_the_lower_row_major_index()
    {
        using var model = new MaskedDeepFfn(3, 2, new[] { 2 });
        var layers = model.MaskableLayers().ToArray();
        var equal = layers.Select(layer => torch.ones(layer.Weight.shape)).ToArray();

        // 6 + 4 = 10 weights; 70 % is 7: all of layer 0 and the first row-major entry of layer 1.
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 70, PruningStrategy.Percentage, SaliencySource.PerLayer(equal));

        Assert.Equal(0, PlantedSaliency.Count(layers[0].Mask, true));
        using var expected = torch.tensor(new[] { false, true, true, true }, new long[] { 2, 2 });
        TensorAssert.Identical(expected, layers[1].Mask);
    }

    [Fact]
    public void Minus_zero_and_plus_zero_are_equal_saliencies()
    {
        using var layer = new MaskedLinear(4, 1, bias: false);
        using var saliency = torch.tensor(new[] { 0f, -0f, 0f, -0f }, new long[] { 1, 4 });

        Deepstruct.Pruning.PruneNetworkBySaliency(new IMaskedWeight[] { layer }, 2, PruningStrategy.Absolute, SaliencySource.PerLayer(new[] { saliency }));

        using var expected = torch.tensor(new[] { false, false, true, true }, new long[] { 1, 4 });
        TensorAssert.Identical(expected, layer.Mask);
    }

    [Fact]
    public void Double_precision_models_are_pruned_exactly_too()
    {
        torch.manual_seed(8);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        model.to(ScalarType.Float64);
        var layers = model.MaskableLayers().ToArray();
        var ranks = PlantedSaliency.Ranks(layers, seed: 9).Select(r => r.to(ScalarType.Float64)).ToArray();

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 25, PruningStrategy.Percentage, SaliencySource.PerLayer(ranks));

        Assert.Equal(15, result.Pruned);
        for (var l = 0; l < layers.Length; l++)
        {
            using var shouldGo = ranks[l].lt(15);
            using var gone = layers[l].Mask.logical_not();
            TensorAssert.Identical(shouldGo, gone);
        }
    }

    [Fact]
    public void Magnitude_is_the_default_saliency()
    {
        torch.manual_seed(10);
        using var model = new MaskedDeepFfn(8, 4, new[] { 6 });
        var layers = model.MaskableLayers().ToArray();
        var all = torch.cat(layers.Select(layer => layer.Weight.detach().abs().reshape(-1)).ToArray());
        var (sorted, _) = all.sort();
        var cutoff = sorted[7].item<float>(); // 72 weights, 10 % = 7: the 7 smallest go

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 10);

        Assert.Equal(65, PlantedSaliency.Unmasked(layers));
        foreach (var layer in layers)
        {
            using var kept = layer.Weight.detach().abs().masked_select(layer.Mask);
            Assert.True(kept.min().item<float>() >= cutoff);
        }
    }

    [Fact]
    public void Pruned_weights_are_stored_as_exact_zeros()
    {
        torch.manual_seed(11);
        using var model = new MaskedDeepFfn(8, 4, new[] { 6 });

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 40);

        foreach (var layer in model.MaskableLayers())
        {
            Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(layer.Weight, layer.Mask));
        }
    }

    [Fact]
    public void Excluded_layers_keep_their_masks_and_the_rest_share_the_count()
    {
        torch.manual_seed(12);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 50, layers: LayerSelection.AllExcept(model.Layers[^1]));

        Assert.Equal(12, PlantedSaliency.Count(layers[2].Mask, true));
        Assert.Equal(25, result.Pruned); // ⌊50 % of 30 + 20⌋
        Assert.Equal(25, PlantedSaliency.Unmasked(layers.Take(2)));
    }

    [Fact]
    public void Only_the_included_positions_are_pruned()
    {
        torch.manual_seed(13);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, PruningStrategy.Absolute, layers: LayerSelection.Only(1));

        Assert.Equal(30, PlantedSaliency.Count(layers[0].Mask, true));
        Assert.Equal(10, PlantedSaliency.Count(layers[1].Mask, true));
        Assert.Equal(12, PlantedSaliency.Count(layers[2].Mask, true));
    }

    [Fact]
    public void A_model_holding_masked_layers_inside_plain_modules_is_pruned_too()
    {
        torch.manual_seed(14);
        using var model = nn.Sequential(("first", new MaskedLinear(4, 3)), ("act", nn.ReLU()), ("second", new MaskedLinear(3, 2)));

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);

        Assert.Equal(2, result.Layers.Count);
        Assert.Equal(9, result.Pruned);
    }

    [Fact]
    public void A_structure_sparse_DAN_counts_only_its_present_weights()
    {
        torch.manual_seed(15);
        var structure = Deepstruct.Structures.StructureFamilies.RandomDag(12, 0.3, 1);
        using var model = new MaskedDeepDan(5, 2, structure);
        var layers = model.MaskableLayers().ToArray();
        var before = PlantedSaliency.Unmasked(layers);

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 20);

        Assert.Equal(before, result.UnmaskedBefore);
        Assert.Equal(before / 5, result.Pruned);
        Assert.Equal(before - (before / 5), PlantedSaliency.Unmasked(layers));
    }
}
