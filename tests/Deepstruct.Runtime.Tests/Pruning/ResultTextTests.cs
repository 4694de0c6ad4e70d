using Deepstruct.Extraction;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Results read well when printed: totals as numbers, lists as their items, never a type name.</summary>
public class ResultTextTests
{
    [Fact]
    public void PruningResult_UnmaskedBefore_is_a_total_like_Pruned_and_prints_as_a_number()
    {
        torch.manual_seed(91);
        using var model = new MaskedDeepFfn(6, 2, new[] { 5 });

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 25);

        Assert.Equal("10 of 40", $"{result.Pruned} of {result.UnmaskedBefore}");
        Assert.Equal(new long[] { 30, 10 }, result.UnmaskedBeforePerLayer);
        Assert.Equal(30L, result.UnmaskedAfter);
    }

    [Fact]
    public void PruningResult_ToString_is_a_sentence_with_totals_and_layers()
    {
        torch.manual_seed(92);
        using var model = new MaskedDeepFfn(6, 2, new[] { 5 });

        var result = Deepstruct.Pruning.PruneLayerBySaliency(model, 50);

        Assert.Equal("pruned 20 of 40 unmasked weights (50.00 %) in 2 layers, 20 left; per layer: 15 of 30, 5 of 10", result.ToString());
    }

    [Fact]
    public void ExtractionEstimate_ToString_lists_its_steps_not_a_type_name()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        using var input = torch.randn(1, 4);

        var text = new GraphTransform(input).Estimate(model).ToString();

        Assert.DoesNotContain("System.", text);
        Assert.Contains("Vertices = 9, Edges = 18", text);
        Assert.Contains("input: +4 vertices, +0 edges", text);
        Assert.Contains("(MaskedLinear): +3 vertices, +12 edges", text);
    }

    [Fact]
    public void An_extracted_graph_prints_its_size_not_a_type_name()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        using var input = torch.randn(1, 4);

        var graph = new GraphTransform(input).Transform(model);

        Assert.Equal("LabeledDag: 9 vertices, 18 edges, 3 layers", graph.ToString());
    }

    [Fact]
    public void MaskedLayerSummary_ToString_prints_the_shape_not_a_type_name()
    {
        using var model = new MaskedDeepFfn(6, 2, new[] { 5 });

        var text = MaskSummary.Of(model).Layers[0].ToString();

        Assert.DoesNotContain("System.", text);
        Assert.Contains("Shape = [5, 6]", text);
        Assert.Contains("Weights = 30, Kept = 30", text);
    }
}
