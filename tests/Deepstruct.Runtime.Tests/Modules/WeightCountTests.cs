using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>
/// <see cref="IMaskedWeight.WeightCount"/> is deepstruct's <c>get_weight_count</c>, <c>mask.sum()</c>: the
/// unmasked weights. <see cref="IMaskedWeight.Capacity"/> counts every entry.
/// </summary>
public class WeightCountTests
{
    [Fact]
    public void MaskedLinear_WeightCount_is_the_number_of_unmasked_weights()
    {
        using var layer = new MaskedLinear(3, 2);
        using (var mask = torch.tensor(new[] { true, false, false, true, true, false }, new long[] { 2, 3 }))
        {
            layer.Mask = mask;
        }

        Assert.Equal(3L, layer.WeightCount);
        Assert.Equal(6L, layer.Capacity);
    }

    [Fact]
    public void MaskedMapView_WeightCount_is_the_number_of_connections_left()
    {
        // Layer {0, 1} to layer {2, 3, 4}: 3 of the 6 entries are edges; pruning one leaves 2.
        var structure = Structure.Create(5, new[] { new Edge(0, 2), new Edge(1, 3), new Edge(1, 4) });
        torch.manual_seed(81);
        using var dan = new MaskedDeepDan(4, 2, structure);
        var map = dan.MainMaps[0];
        Assert.Equal(3L, map.WeightCount);

        using (var pruned = torch.tensor(new[] { true, false, false, true, false, false }, new long[] { 3, 2 }))
        {
            map.Mask = pruned;
        }

        Assert.Equal(2L, map.WeightCount);
        Assert.Equal(6L, map.Capacity);
    }

    [Fact]
    public void Recurrent_weights_WeightCount_is_the_number_of_unmasked_weights()
    {
        using var model = new MaskedDeepRnn(3, new[] { 4 }, RecurrentCell.Gru);
        var inputToHidden = model.MaskableLayers().First();
        using (var mask = torch.ones(12, 3, dtype: ScalarType.Bool))
        {
            mask[0, 0] = torch.tensor(false);
            mask[5, 2] = torch.tensor(false);
            inputToHidden.Mask = mask;
        }

        Assert.Equal(34L, inputToHidden.WeightCount);
        Assert.Equal(36L, inputToHidden.Capacity);
    }

    [Fact]
    public void Model_totals_sum_the_unmasked_weights_and_the_summary_keeps_both_counts()
    {
        torch.manual_seed(82);
        using var model = new MaskedDeepFfn(6, 2, new[] { 5 });
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, PruningStrategy.Absolute);

        var layers = model.MaskableLayers().ToArray();
        var summary = MaskSummary.Of(model);

        Assert.Equal(40L - 10, layers.Sum(layer => layer.WeightCount));
        Assert.Equal(30L, Deepstruct.Pruning.UnmaskedWeightCount(model));
        Assert.Equal(40L, summary.TotalWeights);
        Assert.Equal(30L, summary.KeptWeights);
        Assert.Equal(layers.Select(layer => layer.WeightCount), summary.Layers.Select(layer => layer.Kept));
    }
}
