using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Rewinding (lottery ticket): unmasked weights return to the snapshot, masks stay.</summary>
public class WeightSnapshotTests
{
    [Fact]
    public void Rewinding_resets_unmasked_weights_to_the_snapshot_and_keeps_the_masks()
    {
        torch.manual_seed(71);
        using var model = new MaskedDeepFfn(6, 3, new[] { 8 });
        var inputs = torch.randn(32, 6);
        var targets = torch.randn(32, 3);
        using var snapshot = WeightSnapshot.Take(model, step: 0);
        var initial = model.MaskableLayers().Select(l => l.Weight.detach().clone()).ToArray();
        var initialBias = model.Layers[0].bias!.detach().clone();

        using (var optimizer = torch.optim.SGD(model.parameters(), learningRate: 0.1))
        {
            IterativePruningTests.Train(model, optimizer, inputs, targets, steps: 20);
        }

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 70);
        var masks = model.MaskableLayers().Select(l => l.Mask.clone()).ToArray();

        snapshot.Rewind(model);

        var layers = model.MaskableLayers().ToArray();
        for (var l = 0; l < layers.Length; l++)
        {
            TensorAssert.Identical(masks[l], layers[l].Mask);
            using var expected = initial[l].mul(masks[l]);
            TensorAssert.Identical(expected, layers[l].Weight.detach());
        }

        TensorAssert.Identical(initialBias, model.Layers[0].bias!.detach());
        Assert.Equal(0, snapshot.Step);
    }

    [Fact]
    public void Rewinding_another_model_is_refused()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 8 });
        using var other = new MaskedDeepFfn(6, 3, new[] { 9 });
        using var snapshot = WeightSnapshot.Take(model);
        Assert.Equal("model", Assert.Throws<ArgumentException>(() => snapshot.Rewind(other)).ParamName);
    }
}
