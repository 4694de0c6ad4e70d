using Deepstruct.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>A deployment's path: prune neurons and weights, compact, export; ONNX Runtime gives the pruned model's output.</summary>
public class OnnxExportCompactedTests
{
    [Theory]
    [InlineData(DanRepresentation.Dense, Activation.Tanh)]
    [InlineData(DanRepresentation.Edges, Activation.ReLU)]
    [InlineData(DanRepresentation.Edges, Activation.Sigmoid)]
    public void A_compacted_dan_exports_and_onnx_runtime_gives_the_pruned_dans_output(DanRepresentation representation, Activation activation)
    {
        torch.manual_seed(81);
        using var model = new MaskedDeepDan(8, 3, TestStructures.Layered(10, 4, 4, seed: 6), new DanOptions { LayerNorm = false, Activation = activation, Representation = representation });
        NeuronPruning.Prune(model, 40);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);
        model.eval();

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;
        Assert.Equal(representation, compacted.Representation);
        Assert.True(result.ParametersAfter < result.ParametersBefore);
        var bytes = OnnxExport.ToBytes(compacted);
        using var probe = torch.randn(8, 8);
        Compaction.SameFunction.AssertFollowsInput(compacted, probe);

        foreach (var batch in new[] { 1, 6 })
        {
            using var input = torch.randn(batch, 8);
            OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
        }
    }

    [Fact]
    public void A_compacted_ffn_exports_smaller_and_onnx_runtime_gives_the_pruned_ffns_output()
    {
        torch.manual_seed(82);
        using var model = new MaskedDeepFfn(20, 4, new[] { 16, 12 });
        NeuronPruning.Prune(model, 50, scope: PruningScope.PerLayer);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 60);
        model.eval();

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;
        var pruned = OnnxExport.ToBytes(model);
        var bytes = OnnxExport.ToBytes(compacted);
        Assert.True(bytes.Length < pruned.Length, $"compacted file {bytes.Length} bytes, pruned {pruned.Length}");
        using var probe = torch.randn(8, 20);
        Compaction.SameFunction.AssertFollowsInput(compacted, probe);

        foreach (var batch in new[] { 1, 9 })
        {
            using var input = torch.randn(batch, 20);
            OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
        }
    }
}
