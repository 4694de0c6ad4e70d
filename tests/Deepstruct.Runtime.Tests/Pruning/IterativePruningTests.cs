using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Pruning composes, never unmasks, and pruned weights stay exactly zero through training.</summary>
public class IterativePruningTests
{
    public enum OptimizerKind
    {
        SgdMomentum,
        Adam,
    }

    [Fact]
    public void Pruning_twice_never_unmasks_and_counts_only_the_present_weights()
    {
        torch.manual_seed(31);
        using var model = new MaskedDeepFfn(8, 4, new[] { 6 });
        var layers = model.MaskableLayers().ToArray();

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);
        var firstMasks = layers.Select(layer => layer.Mask.clone()).ToArray();

        // Random saliencies would rank masked weights anywhere; they must stay out of the count.
        var second = Deepstruct.Pruning.PruneNetworkBySaliency(model, 50, saliency: SaliencySource.Random(seed: 32));

        Assert.Equal(36, second.UnmaskedBefore); // 72 weights, half left
        Assert.Equal(18, second.Pruned);
        for (var l = 0; l < layers.Length; l++)
        {
            using var unmasked = layers[l].Mask.logical_and(firstMasks[l].logical_not());
            Assert.False(unmasked.any().item<bool>(), $"layer {l} unmasked a weight");
        }
    }

    [Theory]
    [InlineData(OptimizerKind.SgdMomentum)]
    [InlineData(OptimizerKind.Adam)]
    public void Pruned_weights_stay_exactly_zero_through_training_with_state_from_before_the_pruning(OptimizerKind kind)
    {
        torch.manual_seed(33);
        var inputs = torch.randn(64, 8);
        var targets = torch.randn(64, 4);
        using var model = new MaskedDeepFfn(8, 4, new[] { 12 });
        using var inner = kind == OptimizerKind.Adam
            ? torch.optim.Adam(model.parameters(), lr: 0.01)
            : (torch.optim.Optimizer)torch.optim.SGD(model.parameters(), learningRate: 0.05, momentum: 0.9);
        Train(model, inner, inputs, targets, steps: 10); // momentum / moving averages everywhere

        Deepstruct.Pruning.PruneNetworkBySaliency(model, 60);
        using var optimizer = new MaskPreservingOptimizer(inner, model);
        for (var step = 0; step < 20; step++)
        {
            Train(model, optimizer, inputs, targets, steps: 1);
            foreach (var layer in model.MaskableLayers())
            {
                Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(layer.Weight, layer.Mask));
            }

            // Pruning again mid-training keeps the guarantee for the newly masked weights too.
            if (step == 10)
            {
                Deepstruct.Pruning.PruneNetworkBySaliency(model, 30);
            }
        }

        // 144 weights: 60 % leaves 58, then 30 % of 58 (17) leaves 41.
        Assert.Equal(41, PlantedSaliency.Unmasked(model.MaskableLayers()));
    }

    internal static void Train(MaskableModule model, torch.optim.Optimizer optimizer, Tensor inputs, Tensor targets, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.mse_loss(model.call(inputs), targets).backward();
            optimizer.step();
        }
    }
}
