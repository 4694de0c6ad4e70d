using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Compaction;

/// <summary>Neuron pruning and compaction of a DAN stored per edge follow its edges: no map is read or written dense.</summary>
public class EdgeDanCompactionTests
{
    [Fact]
    public void A_large_dan_stored_per_edge_is_neuron_pruned_and_compacted_without_dense_maps()
    {
        random.manual_seed(3);
        using var model = new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(30000, 4, 0.5, seed: 1), new DanOptions { Representation = DanRepresentation.Edges });
        // Read dense, the maps would be this many doubles: gigabytes, against a model of a few million parameters.
        Assert.True(model.DenseFusedEntries * sizeof(double) > 2_000_000_000L, $"{model.DenseFusedEntries} dense entries");

        var pruned = NeuronPruning.Prune(model, 50);
        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(0, model.EdgeMaps.DenseMapAccesses);
        Assert.Equal(0, compacted.EdgeMaps.DenseMapAccesses);
        Assert.Equal(DanRepresentation.Edges, compacted.Representation);
        Assert.Equal(model.LayerCount, compacted.LayerCount);
        Assert.Equal(pruned.PresentBefore / 2, pruned.Pruned);
        Assert.True(compacted.Structure.VertexCount <= model.Structure.VertexCount - pruned.Pruned);
        Assert.True(result.UnmaskedWeightsAfter < result.UnmaskedWeightsBefore);
        Assert.Equal(compacted.EdgeCount, compacted.named_parameters().Single(parameter => parameter.name == "edge_maps.edge_weights").parameter.NumberOfElements);
        Assert.True(compacted.ParameterCount < model.ParameterCount);
        using var input = randn(16, 784);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void A_wide_dan_stored_per_edge_compacts_to_the_same_function_of_its_input_without_dense_maps()
    {
        random.manual_seed(4);
        using var model = new MaskedDeepDan(16, 4, TestStructures.Layered(300, 5, 6, seed: 3), new DanOptions { Representation = DanRepresentation.Edges });
        NeuronPruning.Prune(model, 30);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);
        using var input = randn(16, 16);
        SameFunction.AssertFollowsInput(model, input);

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(0, model.EdgeMaps.DenseMapAccesses);
        Assert.Equal(0, compacted.EdgeMaps.DenseMapAccesses);
        Assert.Equal(DanRepresentation.Edges, compacted.Representation);
        Assert.True(compacted.ParameterCount < model.ParameterCount);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData("magnitude")]
    [InlineData("taylor")]
    public void Neuron_pruning_of_a_dan_stored_per_edge_prunes_what_its_dense_twin_prunes_without_dense_maps(string saliency)
    {
        random.manual_seed(5);
        var structure = StructureFamilies.WattsStrogatz(300, 4, 0.5, seed: 2);
        using var edges = new MaskedDeepDan(12, 3, structure, new DanOptions { Representation = DanRepresentation.Edges });
        using var dense = new MaskedDeepDan(12, 3, structure, new DanOptions { Representation = DanRepresentation.Dense });
        dense.load_state_dict(edges.state_dict());
        using var x = randn(16, 12);
        using var t = randn(16, 3);
        NeuronSaliency Saliency() => saliency == "taylor"
            ? NeuronSaliency.Taylor(new[] { (x, t) }, (y, target) => nn.functional.mse_loss(y, target))
            : NeuronSaliency.Magnitude();

        var fromEdges = NeuronPruning.Prune(edges, 30, saliency: Saliency());
        var fromDense = NeuronPruning.Prune(dense, 30, saliency: Saliency());

        Assert.Equal(0, edges.EdgeMaps.DenseMapAccesses);
        Assert.Equal(fromDense.PrunedNeurons, fromEdges.PrunedNeurons);
        Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(dense), Deepstruct.Pruning.UnmaskedWeightCount(edges));
        SameFunction.Assert(dense, edges, x);
    }
}
