using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Training;

/// <summary>Masked weights are stored as exact zeros and stay so through optimizer steps.</summary>
public class MaskExactnessTests
{
    public enum OptimizerKind
    {
        SgdMomentum,
        Adam,
        AdamWDecay,
    }

    [Theory]
    [InlineData(OptimizerKind.SgdMomentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamWDecay)]
    public void A_fresh_optimizer_keeps_masked_weights_zero_because_their_gradients_are_zero(OptimizerKind kind)
    {
        using var task = new TeacherTask(inputSize: 6, outputSize: 3, examples: 64, seed: 21);
        torch.manual_seed(22);
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });
        SetRandomMasks(model, seed: 23);
        model.ApplyMask();
        using var optimizer = Create(kind, model);

        for (var step = 0; step < 25; step++)
        {
            TrainingTests.Train(model, optimizer, task, steps: 1);
            AssertMaskedWeightsAreZero(model);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.SgdMomentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamWDecay)]
    public void State_gathered_before_the_mask_moves_nothing_through_a_MaskPreservingOptimizer(OptimizerKind kind)
    {
        using var task = new TeacherTask(inputSize: 6, outputSize: 3, examples: 64, seed: 31);
        torch.manual_seed(32);
        using var model = new MaskedDeepDan(6, 3, TrainingTests.ThreeLayers());
        using var inner = Create(kind, model);
        TrainingTests.Train(model, inner, task, steps: 10);
        SetRandomMasks(model, seed: 33);
        model.ApplyMask();
        using var optimizer = new MaskPreservingOptimizer(inner, model);

        for (var step = 0; step < 25; step++)
        {
            TrainingTests.Train(model, optimizer, task, steps: 1);
            AssertMaskedWeightsAreZero(model);
        }
    }

    [Fact]
    public void State_gathered_before_the_mask_would_move_masked_weights_without_the_wrapper()
    {
        // Why MaskPreservingOptimizer exists: momentum carries stale updates into masked positions.
        using var task = new TeacherTask(inputSize: 6, outputSize: 3, examples: 64, seed: 41);
        torch.manual_seed(42);
        using var model = new MaskedDeepFfn(6, 3, new[] { 10 });
        using var optimizer = Create(OptimizerKind.SgdMomentum, model);
        TrainingTests.Train(model, optimizer, task, steps: 10);
        SetRandomMasks(model, seed: 43);
        model.ApplyMask();

        TrainingTests.Train(model, optimizer, task, steps: 1);

        Assert.True(model.MaskableLayers().Sum(l => TensorAssert.NonzerosAtMaskedPositions(l.Weight, l.Mask)) > 0);
    }

    [Fact]
    public void RecomputeMask_on_a_model_masks_exactly_the_small_weights_of_every_layer()
    {
        torch.manual_seed(51);
        using var model = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers());
        const double theta = 0.2;
        model.RecomputeMask(theta);

        foreach (var layer in model.MaskableLayers())
        {
            using var expected = layer.Weight.abs().ge(theta);
            TensorAssert.Identical(expected, layer.Mask);
        }
    }

    private static torch.optim.Optimizer Create(OptimizerKind kind, MaskableModule model) => kind switch
    {
        OptimizerKind.SgdMomentum => torch.optim.SGD(model.parameters(), learningRate: 0.05, momentum: 0.9),
        OptimizerKind.Adam => torch.optim.Adam(model.parameters(), lr: 0.01),
        OptimizerKind.AdamWDecay => torch.optim.AdamW(model.parameters(), lr: 0.01, weight_decay: 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void SetRandomMasks(MaskableModule model, long seed)
    {
        var generator = new torch.Generator((ulong)seed);
        foreach (var layer in model.MaskableLayers())
        {
            using var keep = torch.rand(layer.Weight.shape, generator: generator).gt(0.5);
            using var mask = layer.Mask.logical_and(keep);
            layer.Mask = mask;
        }
    }

    private static void AssertMaskedWeightsAreZero(MaskableModule model)
    {
        foreach (var layer in model.MaskableLayers())
        {
            Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(layer.Weight, layer.Mask));
            using var masked = layer.Mask.logical_not();
            Assert.True(masked.any().item<bool>(), "every layer should have masked weights in this test");
        }
    }
}
