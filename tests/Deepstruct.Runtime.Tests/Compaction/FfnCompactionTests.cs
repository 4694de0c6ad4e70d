
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Compaction;

public class FfnCompactionTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_compacted_ffn_computes_the_pruned_ffns_function_on_random_inputs(ScalarType dtype)
    {
        for (var seed = 0; seed < 4; seed++)
        {
            random.manual_seed(seed);
            using var model = new MaskedDeepFfn(12, 4, new[] { 16, 10 });
            model.to(dtype);
            NeuronPruning.Prune(model, 50);
            Deepstruct.Pruning.PruneNetworkBySaliency(model, 60);

            var result = Deepstruct.Compaction.Compact(model);
            using var compacted = result.Model;

            using var input = randn(32, 12, dtype: dtype);
            SameFunction.Assert(model, compacted, input);
            Assert.Equal(dtype, compacted.Layers[0].weight.dtype);
            Assert.Equal(result.Layers.Select(layer => layer.After), compacted.HiddenSizes);
            Assert.True(compacted.HiddenSizes.Sum() <= 13, $"hidden sizes {string.Join(", ", compacted.HiddenSizes)}");
            Assert.Equal(Deepstruct.Pruning.UnmaskedWeightCount(model), result.UnmaskedWeightsBefore);
            Assert.True(result.UnmaskedWeightsAfter <= result.UnmaskedWeightsBefore);
        }
    }

    [Fact]
    public void Half_the_hidden_neurons_pruned_give_an_ffn_of_half_the_hidden_size()
    {
        random.manual_seed(3);
        using var model = new MaskedDeepFfn(20, 5, new[] { 30, 10 });
        NeuronPruning.Prune(model, 50, scope: PruningScope.PerLayer);

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new[] { 15, 5 }, compacted.HiddenSizes);
        Assert.Equal((20 * 15) + 15 + (15 * 5) + 5 + (5 * 5) + 5, result.ParametersAfter);
        Assert.Equal(result.ParametersAfter, result.UnmaskedWeightsAfter + 15 + 5 + 5);
        using var input = randn(7, 20);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_neuron_without_incoming_weights_is_folded_into_the_biases_it_feeds(ScalarType dtype)
    {
        random.manual_seed(5);
        using var model = new MaskedDeepFfn(6, 3, new[] { 8, 5 }, activation: Activation.Tanh);
        model.to(dtype);
        using (no_grad())
        {
            // Neurons 1 and 4 of the first hidden layer lose every incoming weight: they output tanh(bias).
            using var mask = ones(8, 6, dtype: ScalarType.Bool);
            mask[1] = tensor(false);
            mask[4] = tensor(false);
            model.Layers[0].Mask = mask;
            model.Layers[0].ApplyMask();
        }

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new CompactedLayer("hidden 0 (layers.0)", 8, 6, 2, 0, 0), result.Layers[0]);
        Assert.Equal(new[] { 6, 5 }, compacted.HiddenSizes);
        using var input = randn(16, 6, dtype: dtype);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void A_neuron_that_reaches_no_output_is_removed_and_its_weights_with_it()
    {
        random.manual_seed(6);
        using var model = new MaskedDeepFfn(6, 3, new[] { 8, 5 });
        using (no_grad())
        {
            using var mask = ones(5, 8, dtype: ScalarType.Bool);
            mask[.., 2] = tensor(false);
            model.Layers[1].Mask = mask;
            model.Layers[1].ApplyMask();
        }

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new CompactedLayer("hidden 0 (layers.0)", 8, 7, 0, 1, 0), result.Layers[0]);
        using var input = randn(16, 6);
        SameFunction.Assert(model, compacted, input);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_layer_left_without_neurons_keeps_one_masked_placeholder_and_the_model_its_constant_output(ScalarType dtype)
    {
        random.manual_seed(8);
        using var model = new MaskedDeepFfn(6, 3, new[] { 8, 5 }, activation: Activation.Sigmoid);
        model.to(dtype);
        NeuronPruning.Prune(model, 5, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { ones(8), zeros(5) }));

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(new[] { 1, 1 }, compacted.HiddenSizes);
        Assert.Equal(new CompactedLayer("hidden 1 (layers.1)", 5, 0, 0, 5, 1), result.Layers[1]);
        Assert.Equal(0, result.UnmaskedWeightsAfter);
        using var input = randn(16, 6, dtype: dtype);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void An_ffn_without_biases_and_an_activation_zero_at_zero_compacts()
    {
        random.manual_seed(9);
        using var model = new MaskedDeepFfn(6, 3, new[] { 8, 5 }, bias: false);
        NeuronPruning.Prune(model, 40);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Null(compacted.Layers[0].bias);
        using var input = randn(16, 6);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void A_generated_shape_input_is_kept_and_the_runtime_kind_is_returned()
    {
        using var model = new MaskedDeepFfn(new long[] { 2, 3, 2 }, 3, new[] { 8 });
        NeuronPruning.Prune(model, 25);

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(typeof(MaskedDeepFfn), compacted.GetType());
        Assert.Equal(new long[] { 2, 3, 2 }, compacted.InputShape);
        using var input = randn(4, 2, 3, 2);
        SameFunction.Assert(model, compacted, input);
    }

    [Fact]
    public void An_ffn_with_layer_norm_is_refused_naming_the_model()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 8 }, useLayerNorm: true);

        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Compaction.Compact(model));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("MaskedDeepFfn uses layer norm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ffn_without_biases_whose_activation_is_not_zero_at_zero_is_refused_naming_the_value()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 8 }, activation: Activation.Sigmoid, bias: false);

        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Compaction.Compact(model));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("Sigmoid is 0.5 at 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_prints_a_table_of_what_was_removed()
    {
        random.manual_seed(1);
        using var model = new MaskedDeepFfn(20, 5, new[] { 30, 10 });
        NeuronPruning.Prune(model, 50, scope: PruningScope.PerLayer);

        var result = Deepstruct.Compaction.Compact(model);
        using var compacted = result.Model;
        var text = result.ToString();

        Assert.StartsWith("compacted MaskedDeepFfn into MaskedDeepFfn: 40 → 20 hidden neurons, parameters 995 → 425, unmasked weights 400 → 400\n", text, StringComparison.Ordinal);
        Assert.Contains("layer                neurons  kept  folded  removed  placeholders  after\n", text, StringComparison.Ordinal);
        Assert.Contains("hidden 0 (layers.0)       30    15       0       15             0     15\n", text, StringComparison.Ordinal);
    }
}
