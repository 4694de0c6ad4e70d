using TorchSharp;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Any IMaskedWeight is pruned, summarized and rewound, including views such as recurrent i2h/h2h weights.</summary>
public class WeightViewPruningTests
{
    [Fact]
    public void Views_of_weights_are_pruned_summarized_and_rewound()
    {
        torch.manual_seed(91);
        using var model = new WeightViewModel();
        using var snapshot = WeightSnapshot.Take(model);

        var result = Deepstruct.Pruning.PruneLayerBySaliency(model, 50);

        Assert.Equal(new long[] { 9, 6 }, result.PrunedPerLayer);
        Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(model.InputToHidden.Weight, model.InputToHidden.Mask));

        var summary = MaskSummary.Of(model);
        Assert.Equal(new[] { "weight_ih", "weight_hh" }, summary.Layers.Select(l => l.Name));
        Assert.Equal(15, summary.KeptWeights);

        snapshot.Rewind(model);
        Assert.Equal(15, Deepstruct.Pruning.UnmaskedWeightCount(model));
        Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(model.HiddenToHidden.Weight, model.HiddenToHidden.Mask));
    }
}
