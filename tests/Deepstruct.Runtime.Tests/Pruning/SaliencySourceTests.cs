using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Magnitude, random, distributed and given saliencies.</summary>
public class SaliencySourceTests
{
    [Fact]
    public void Random_saliency_is_reproducible_from_its_seed_and_differs_between_seeds()
    {
        torch.manual_seed(41);
        using var model = new MaskedDeepFfn(784, 10, new[] { 20, 15, 12 });
        var layers = model.MaskableLayers().ToArray();

        var first = SaliencySource.Random(7).Compute(layers);
        var again = SaliencySource.Random(7).Compute(layers);
        var other = SaliencySource.Random(8).Compute(layers);

        for (var l = 0; l < layers.Length; l++)
        {
            TensorAssert.Identical(first[l], again[l]);
            Assert.False(first[l].eq(other[l]).all().item<bool>());
            Assert.True(first[l].ge(0).all().item<bool>() && first[l].lt(1).all().item<bool>());
        }
    }

    [Fact]
    public void Random_pruning_as_in_deepstruct_prunes_every_layer()
    {
        // deepstruct's test_prune_network_by_random_saliency, with exact counts.
        foreach (var (strategy, value) in new[] { (PruningStrategy.Percentage, 50.0), (PruningStrategy.Absolute, 1000.0), (PruningStrategy.Bucket, 100.0) })
        {
            torch.manual_seed(42);
            using var model = new MaskedDeepFfn(784, 10, new[] { 20, 15, 12 });
            Deepstruct.Pruning.SetSaliency(model, SaliencySource.Random(43));

            var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, value, strategy);

            Assert.All(result.PrunedPerLayer, pruned => Assert.True(pruned > 0, $"{strategy}: a layer lost nothing"));
            if (strategy != PruningStrategy.Bucket)
            {
                Assert.Equal(strategy == PruningStrategy.Percentage ? 16280 / 2 : 1000, result.Pruned);
            }
        }
    }

    [Fact]
    public void Stored_saliencies_are_what_pruning_reads_until_reset()
    {
        torch.manual_seed(44);
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        var layers = model.MaskableLayers().ToArray();
        Deepstruct.Pruning.SetSaliency(model, SaliencySource.Random(45));
        var stored = SaliencySource.Random(45).Compute(layers);

        for (var l = 0; l < layers.Length; l++)
        {
            TensorAssert.Identical(stored[l], layers[l].Saliency!);
        }

        Deepstruct.Pruning.ResetSaliency(model);
        using var magnitude = layers[0].Weight.detach().abs();
        TensorAssert.Identical(magnitude, layers[0].Saliency!);
    }

    [Fact]
    public void Distributed_saliency_is_the_magnitude_over_the_layer_std_of_unmasked_weights()
    {
        torch.manual_seed(46);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5 });
        var layers = model.MaskableLayers().ToArray();
        Deepstruct.Pruning.PruneLayerBySaliency(model, 40);

        var saliency = SaliencySource.Distributed.Compute(layers);

        for (var l = 0; l < layers.Length; l++)
        {
            var std = layers[l].Weight.detach().masked_select(layers[l].Mask).std().item<float>();
            using var expected = layers[l].Weight.detach().abs().div(std);
            Assert.True(expected.allclose(saliency[l], rtol: 1e-6, atol: 0));
        }
    }

    [Fact]
    public void Distributed_pruning_differs_from_magnitude_pruning_when_layers_differ_in_scale()
    {
        torch.manual_seed(47);
        using var model = new MaskedDeepFfn(10, 10, new[] { 10 });
        using (torch.no_grad())
        {
            model.Layers[1].weight.mul_(100); // layer 1's weights are all larger
        }

        var magnitude = Deepstruct.Pruning.PruneNetworkBySaliency(model, 50, saliency: SaliencySource.Magnitude);
        Assert.Equal(new long[] { 100, 0 }, magnitude.PrunedPerLayer);

        using var fresh = new MaskedDeepFfn(10, 10, new[] { 10 });
        using (torch.no_grad())
        {
            fresh.Layers[1].weight.mul_(100);
        }

        var distributed = Deepstruct.Pruning.PruneNetworkBySaliency(fresh, 50, saliency: SaliencySource.Distributed);
        Assert.All(distributed.PrunedPerLayer, pruned => Assert.InRange(pruned, 20, 80));
    }

    [Fact]
    public void A_given_saliency_of_the_wrong_shape_is_refused_naming_the_parameter()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        var wrong = new[] { torch.ones(3, 4), torch.ones(3, 2) };

        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, saliency: SaliencySource.PerLayer(wrong)));

        Assert.Equal("saliency", error.ParamName);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
        Assert.Equal(18, PlantedSaliency.Unmasked(model.MaskableLayers()));
    }

    [Fact]
    public void A_given_saliency_for_another_number_of_layers_is_refused()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, saliency: SaliencySource.PerLayer(new[] { torch.ones(3, 4) })));
        Assert.Equal("saliency", error.ParamName);
    }

    [Fact]
    public void A_NaN_saliency_is_refused()
    {
        using var layer = new MaskedLinear(2, 1);
        using var saliency = torch.tensor(new[] { 1f, float.NaN }, new long[] { 1, 2 });
        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(new IMaskedWeight[] { layer }, 50, saliency: SaliencySource.PerLayer(new[] { saliency })));
        Assert.Equal("saliency", error.ParamName);
        Assert.Contains("NaN", error.Message);
    }
}
