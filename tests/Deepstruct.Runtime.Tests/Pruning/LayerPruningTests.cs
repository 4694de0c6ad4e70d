using TorchSharp;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Layer-wise pruning takes its share from each layer.</summary>
public class LayerPruningTests
{
    [Theory]
    [InlineData(10.0)]
    [InlineData(37.5)]
    [InlineData(90.0)]
    public void Percentage_takes_p_from_each_layer_and_the_least_salient_there(double percentage)
    {
        torch.manual_seed(21);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();
        var ranks = PlantedSaliency.Ranks(layers, seed: 22);

        var result = Deepstruct.Pruning.PruneLayerBySaliency(model, percentage, PruningStrategy.Percentage, SaliencySource.PerLayer(ranks));

        for (var l = 0; l < layers.Length; l++)
        {
            var n = result.UnmaskedBeforePerLayer[l];
            var expected = (long)Math.Floor(percentage * n / 100);
            Assert.Equal(expected, result.PrunedPerLayer[l]);

            // The layer's own least salient: every masked rank is below every kept rank.
            using var gone = layers[l].Mask.logical_not();
            if (expected > 0)
            {
                using var goneMax = ranks[l].masked_select(gone).max();
                using var keptMin = ranks[l].masked_select(layers[l].Mask).min();
                Assert.True(goneMax.item<float>() < keptMin.item<float>());
            }
        }
    }

    [Fact]
    public void Absolute_is_shared_in_proportion_with_largest_remainders_first()
    {
        torch.manual_seed(23);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });

        // 62 weights (30, 20, 12), k = 10: exact shares 4.84, 3.23, 1.94 → floors 4, 3, 1 (8), and
        // the 2 left go to the largest remainders, 0.94 and 0.84: 5, 3, 2.
        var result = Deepstruct.Pruning.PruneLayerBySaliency(model, 10, PruningStrategy.Absolute);

        Assert.Equal(new long[] { 5, 3, 2 }, result.PrunedPerLayer);
    }

    [Fact]
    public void Apportioning_gives_equal_remainders_to_the_earlier_layer()
    {
        using var two = new MaskedDeepFfn(5, 5, new[] { 5 }); // 25 + 25
        Assert.Equal(new long[] { 1, 0 }, Deepstruct.Pruning.PruneLayerBySaliency(two, 1, PruningStrategy.Absolute).PrunedPerLayer);

        using var three = new MaskedDeepFfn(3, 3, new[] { 3, 3 }); // 9 + 9 + 9
        Assert.Equal(new long[] { 2, 1, 1 }, Deepstruct.Pruning.PruneLayerBySaliency(three, 4, PruningStrategy.Absolute).PrunedPerLayer);

        // A layer with nothing left gets no share.
        Deepstruct.Pruning.PruneLayerBySaliency(three, 100, layers: LayerSelection.Only(1));
        Assert.Equal(new long[] { 4, 0, 4 }, Deepstruct.Pruning.PruneLayerBySaliency(three, 8, PruningStrategy.Absolute).PrunedPerLayer);
    }

    [Fact]
    public void Bucket_is_one_bucket_per_layer()
    {
        torch.manual_seed(24);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });
        var layers = model.MaskableLayers().ToArray();
        var ranks = layers.Select(layer => torch.arange(layer.Capacity, dtype: torch.ScalarType.Float32).reshape(layer.Weight.shape)).ToArray();

        // 0 + 1 + 2 + 3 = 6 ≤ 7 < 10 in every layer.
        var result = Deepstruct.Pruning.PruneLayerBySaliency(model, 7, PruningStrategy.Bucket, SaliencySource.PerLayer(ranks));

        Assert.Equal(new long[] { 4, 4, 4 }, result.PrunedPerLayer);
    }

    [Fact]
    public void Layer_pruning_composes_on_the_weights_still_present()
    {
        torch.manual_seed(25);
        using var model = new MaskedDeepFfn(10, 4, new[] { 10 });
        var layers = model.MaskableLayers().ToArray();

        Deepstruct.Pruning.PruneLayerBySaliency(model, 50);
        var second = Deepstruct.Pruning.PruneLayerBySaliency(model, 50);

        Assert.Equal(new long[] { 50, 20 }, second.UnmaskedBeforePerLayer);
        Assert.Equal(new long[] { 25, 10 }, second.PrunedPerLayer);
        Assert.Equal(25, PlantedSaliency.Count(layers[0].Mask, true));
    }
}
