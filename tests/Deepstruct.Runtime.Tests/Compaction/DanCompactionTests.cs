using Deepstruct.Binding;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Compaction;

public class DanCompactionTests
{
    // Layers: 0 = {0, 1, 2}, 1 = {3, 4, 5}, 2 = {6, 7}, 3 = {8, 9}; skips 0 -> 6, 1 -> 8, 3 -> 9, 2 -> 7.
    private static Structure Skippy() => Structure.Create(10, new[]
    {
        new Edge(0, 3), new Edge(1, 3), new Edge(1, 4), new Edge(2, 5), new Edge(0, 6), new Edge(3, 6), new Edge(4, 6),
        new Edge(4, 7), new Edge(5, 7), new Edge(2, 7), new Edge(6, 8), new Edge(7, 8), new Edge(7, 9), new Edge(1, 8), new Edge(3, 9),
    });

    [Theory]
    [InlineData(ScalarType.Float32, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float64, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float32, DanRepresentation.Edges)]
    [InlineData(ScalarType.Float64, DanRepresentation.Edges)]
    public void A_compacted_dan_computes_the_pruned_dans_function_on_random_inputs(ScalarType dtype, DanRepresentation representation)
    {
        // Deep, narrow structures mostly prune to constants (folded biases); the wide layered one keeps a function of the input.
        var layered = TestStructures.Layered(8, 4, 4, seed: 4);
        var structures = new[] { layered, Skippy(), StructureFamilies.RandomDag(30, 0.2, seed: 4), StructureFamilies.WattsStrogatz(24, 4, 0.4, seed: 2) };
        for (var seed = 0; seed < 8; seed++)
        {
            random.manual_seed(seed);
            var structure = structures[seed % structures.Length];
            using var model = new MaskedDeepDan(5, 3, structure, new DanOptions { Activation = seed % 2 == 0 ? Activation.ReLU : Activation.Tanh, Representation = representation });
            model.to(dtype);
            NeuronPruning.Prune(model, 30);
            Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);

            var result = Deepstruct.Compaction.Compact(model);
            using var compacted = result.Model;

            using var input = randn(32, 5, dtype: dtype);
            if (structure == layered)
            {
                SameFunction.AssertFollowsInput(model, input);
            }

            SameFunction.Assert(model, compacted, input);
            Assert.Equal(representation, compacted.Representation);
            Assert.Equal(model.LayerCount, compacted.LayerCount);
            Assert.Equal(result.Layers.Select(layer => layer.After), compacted.Structure.Layers.LayerSizes());
            Assert.True(compacted.Structure.VertexCount <= structure.VertexCount);
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float64, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float64, DanRepresentation.Edges)]
    public void An_emptied_layer_below_a_kept_vertex_keeps_a_placeholder_so_the_vertex_keeps_its_layer(ScalarType dtype, DanRepresentation representation)
    {
        // a -> b -> c, a -> c: with b pruned, c would fall to layer 1 and read a through its main map.
        var structure = Structure.Create(3, new[] { new Edge(0, 1), new Edge(1, 2), new Edge(0, 2) });
        random.manual_seed(2);
        using var model = new MaskedDeepDan(4, 2, structure, new DanOptions { Representation = representation });
        model.to(dtype);
        NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { ones(1), zeros(1), ones(1) }));

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new[] { 1, 1, 1 }, compacted.Structure.Layers.LayerSizes());
        Assert.Equal(new CompactedLayer("layer 1", 1, 0, 0, 1, 1), result.Layers[1]);
        Assert.Equal(0, compacted.MainMaps[0].WeightCount);
        Assert.Equal(0, compacted.MainMaps[1].WeightCount);
        using var input = randn(16, 4, dtype: dtype);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void A_kept_vertex_that_lost_its_edges_from_the_layer_below_gets_a_masked_placeholder_edge(DanRepresentation representation)
    {
        // Layer 0 = {a0, a1}, layer 1 = {b}, layer 2 = {c, d}: b -> c, b -> d, a1 -> c. Masking b -> c leaves c only its skip from a1.
        var structure = Structure.Create(5, new[] { new Edge(0, 2), new Edge(2, 3), new Edge(2, 4), new Edge(1, 3) });
        random.manual_seed(4);
        using var model = new MaskedDeepDan(4, 2, structure, new DanOptions { Representation = representation });
        using (no_grad())
        {
            using var mask = model.MainMaps[1].Mask.clone();
            mask[0, 0] = tensor(false);
            model.MainMaps[1].SetMask(mask);
        }

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new[] { 2, 1, 2 }, compacted.Structure.Layers.LayerSizes());
        Assert.True(compacted.Structure.HasEdge(2, 3));
        Assert.False(compacted.MainMaps[1].Mask[0, 0].item<bool>());
        Assert.Equal(result.UnmaskedWeightsBefore, result.UnmaskedWeightsAfter);
        using var input = randn(16, 4);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData(ScalarType.Float32, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float64, DanRepresentation.Dense)]
    [InlineData(ScalarType.Float64, DanRepresentation.Edges)]
    public void A_vertex_without_incoming_weights_is_a_constant_folded_through_main_and_skip_maps(ScalarType dtype, DanRepresentation representation)
    {
        random.manual_seed(7);
        using var model = new MaskedDeepDan(5, 3, Skippy(), new DanOptions { Activation = Activation.GELU, Representation = representation });
        model.to(dtype);
        using (no_grad())
        {
            // Vertex 1 (layer 0, index 1) feeds 3, 4 (main) and 8 (skip): its input row goes.
            using var mask = model.InputMap.Mask.clone();
            mask[1] = tensor(false);
            model.InputMap.Mask = mask;
            model.InputMap.ApplyMask();
        }

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        // Vertex 4 reads only vertex 1, so it is a constant too.
        Assert.Equal(1, result.Layers[0].Folded);
        Assert.Equal(1, result.Layers[1].Folded);
        Assert.Equal(new[] { 2, 2, 2, 2 }, compacted.Structure.Layers.LayerSizes());
        using var input = randn(16, 5, dtype: dtype);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void A_skip_map_left_without_edges_passes_its_constant_on_to_the_vertices_readers(DanRepresentation representation)
    {
        random.manual_seed(11);
        using var model = new MaskedDeepDan(5, 3, Skippy(), new DanOptions { Activation = Activation.ELU, Representation = representation });
        using (no_grad())
        {
            // The only skip into layer 3 from layer 1 is 3 -> 9; masking it leaves that map's bias of 9 a constant ELU(b).
            var skip = model.SkipMaps.Single(map => map.SourceLayer == 1 && map.TargetLayer == 3);
            using var none = zeros_like(skip.Mask);
            skip.SetMask(none);
        }

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.DoesNotContain(compacted.SkipMaps, map => map.SourceLayer == 1 && map.TargetLayer == 3);
        using var input = randn(16, 5);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void A_compacted_dan_written_as_dsnet_compiles_to_its_structure_and_its_state_dict_loads_into_the_rebuilt_model()
    {
        random.manual_seed(12);
        using var model = new MaskedDeepDan(new long[] { 1, 5 }, 3, Skippy(), new DanOptions { Activation = Activation.Tanh });
        NeuronPruning.Prune(model, 30);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 40);
        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        var text = Deepstruct.Compaction.ToDsnet(compacted, "Compacted");
        var bound = DsnetCompiler.Compile(text).Models.Single();
        using var rebuilt = new MaskedDeepDan(bound.InputShape.ToArray(), bound.OutputSize, bound.BoundStructure!.Structure, bound.DanOptions);
        var path = Path.GetTempFileName();
        try
        {
            compacted.save(path);
            rebuilt.load(path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(compacted.Structure.Edges, rebuilt.Structure.Edges);
        using var input = randn(8, 1, 5);
        SameFunction.Assert(model, rebuilt, input);
    }

    [Fact]
    public void A_dan_with_layer_norm_is_refused_naming_the_model()
    {
        using var model = new MaskedDeepDan(4, 2, Skippy(), new DanOptions { LayerNorm = true });

        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Compaction.Compact(model));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("MaskedDeepDan uses layer norm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_dan_under_a_name_that_is_not_a_name_is_refused_naming_it()
    {
        using var model = new MaskedDeepDan(4, 2, Skippy());

        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Compaction.ToDsnet(model, "model"));

        Assert.Equal("modelName", error.ParamName);
        Assert.Contains("'model'", error.Message, StringComparison.Ordinal);
    }
}
