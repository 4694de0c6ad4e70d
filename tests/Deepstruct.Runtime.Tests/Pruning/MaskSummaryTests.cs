using TorchSharp;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>The mask-aware summary as data and as a table.</summary>
public class MaskSummaryTests
{
    [Fact]
    public void The_summary_lists_each_masked_layer_and_the_totals()
    {
        torch.manual_seed(81);
        using var model = new MaskedDeepFfn(784, 10, new[] { 200, 100 });
        Deepstruct.Pruning.PruneLayerBySaliency(model, 25);

        var summary = MaskSummary.Of(model);

        Assert.Equal(new[] { "layers.0", "layers.1", "layers.2" }, summary.Layers.Select(l => l.Name));
        Assert.Equal(new long[] { 200, 784 }, summary.Layers[0].Shape);
        Assert.Equal(new long[] { 156800, 20000, 1000 }, summary.Layers.Select(l => l.Weights));
        Assert.Equal(new long[] { 117600, 15000, 750 }, summary.Layers.Select(l => l.Kept));
        Assert.Equal(177800, summary.TotalWeights);
        Assert.Equal(133350, summary.KeptWeights);
        Assert.Equal(0.25, summary.Sparsity, 12);

        var table = summary.ToString();
        Assert.Contains("layers.0", table);
        Assert.Contains("[200, 784]", table);
        Assert.Contains("156,800", table);
        Assert.Contains("117,600", table);
        Assert.Contains("25.00 %", table);
        Assert.Contains("total", table);
        Assert.Contains("177,800", table);
    }

    [Fact]
    public void A_DAN_summary_shows_its_structure_sparsity_before_any_pruning()
    {
        var structure = Deepstruct.Structures.StructureFamilies.RandomDag(12, 0.3, 1);
        using var model = new MaskedDeepDan(5, 2, structure);

        var summary = MaskSummary.Of(model);

        Assert.Equal(model.MaskableLayers().Count(), summary.Layers.Count);
        Assert.Equal("input_map", summary.Layers[0].Name);
        Assert.Equal(0, summary.Layers[0].Sparsity);
        Assert.True(summary.Sparsity > 0);
        Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(model), summary.KeptWeights);
    }
}
