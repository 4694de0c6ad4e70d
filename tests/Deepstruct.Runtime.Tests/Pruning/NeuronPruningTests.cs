using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

public class NeuronPruningTests
{
    /// <summary>The neurons of each hidden layer of an FFN with every weight in and out masked.</summary>
    private static int[] PrunedPerLayer(MaskedDeepFfn model) =>
        Enumerable.Range(0, model.HiddenSizes.Count).Select(i =>
        {
            using var present = model.Layers[i].Mask.any(1L).logical_or(model.Layers[i + 1].Mask.any(0L));
            return (int)(model.HiddenSizes[i] - present.sum().item<long>());
        }).ToArray();

    [Theory]
    [InlineData(25.0, PruningScope.Global, 4, new[] { 10, 8 })]
    [InlineData(25.0, PruningScope.PerLayer, 4, new[] { 2, 2 })]
    [InlineData(5.0, PruningScope.Global, 0, new[] { 10, 8 })]
    [InlineData(100.0, PruningScope.PerLayer, 18, new[] { 10, 8 })]
    public void A_percentage_prunes_exactly_the_floor_of_p_percent_of_the_present_neurons(double percent, PruningScope scope, long expected, int[] perLayerBound)
    {
        random.manual_seed(1);
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });

        var result = NeuronPruning.Prune(model, percent, scope: scope);

        Assert.Equal(expected, result.Pruned);
        Assert.Equal(18, result.PresentBefore);
        var pruned = PrunedPerLayer(model);
        Assert.Equal(expected, pruned.Sum());
        Assert.Equal(result.PrunedPerLayer.Select(count => (int)count), pruned);
        Assert.All(pruned.Zip(perLayerBound), pair => Assert.True(pair.First <= pair.Second));
    }

    [Fact]
    public void An_absolute_count_per_layer_is_shared_in_proportion_to_the_present_neurons_largest_remainder_first()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });

        var result = NeuronPruning.Prune(model, 5, PruningStrategy.Absolute, scope: PruningScope.PerLayer);

        // 5·10/18 = 2.78 and 5·8/18 = 2.22: floors 2 and 2, the one left to the larger remainder.
        Assert.Equal(new long[] { 3, 2 }, result.PrunedPerLayer);
        Assert.Equal(new[] { 3, 2 }, PrunedPerLayer(model));
    }

    [Fact]
    public void Equal_saliencies_are_pruned_earlier_layer_first_then_lower_index()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 4, 4 });

        var result = NeuronPruning.Prune(model, 5, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { ones(4), ones(4) }));

        Assert.Equal(new[] { 0, 1, 2, 3 }, result.PrunedNeurons[0]);
        Assert.Equal(new[] { 0 }, result.PrunedNeurons[1]);
    }

    [Fact]
    public void Pruning_twice_by_half_leaves_a_quarter_because_pruned_neurons_are_no_candidates()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 8, 8 });

        NeuronPruning.Prune(model, 50);
        var second = NeuronPruning.Prune(model, 50);

        Assert.Equal(8, second.PresentBefore);
        Assert.Equal(4, second.Pruned);
        Assert.Equal(12, PrunedPerLayer(model).Sum());
    }

    [Fact]
    public void A_pruned_neuron_loses_its_incoming_and_outgoing_weights_and_its_bias()
    {
        random.manual_seed(2);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 });

        NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { tensor(new[] { 1f, 1, 0, 1, 1 }), ones(4) }));

        Assert.False(model.Layers[0].Mask[2].any().item<bool>());
        Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(model.Layers[0].weight, model.Layers[0].Mask));
        Assert.Equal(0f, model.Layers[0].bias![2].item<float>());
        Assert.False(model.Layers[1].Mask[.., 2].any().item<bool>());
        Assert.Equal(0, TensorAssert.NonzerosAtMaskedPositions(model.Layers[1].weight, model.Layers[1].Mask));
        Assert.Equal(5 * 6 - 6 + (4 * 5) - 4 + 12, Deepstruct.Pruning.UnmaskedWeightCount(model));
    }

    [Theory]
    [InlineData(NeuronWeights.Incoming, NeuronNorm.L2, 0)]
    [InlineData(NeuronWeights.Incoming, NeuronNorm.L1, 2)]
    [InlineData(NeuronWeights.Outgoing, NeuronNorm.L2, 1)]
    [InlineData(NeuronWeights.Both, NeuronNorm.L2, 0)]
    public void Magnitude_saliency_takes_the_chosen_norm_of_the_chosen_weights(NeuronWeights weights, NeuronNorm norm, int expected)
    {
        using var model = new MaskedDeepFfn(2, 1, new[] { 3 });
        using (no_grad())
        {
            // Incoming: L2 0.99, 2.83, 1.2; L1 1.4, 4, 1.2. Outgoing 1, 0.01, 1.
            model.Layers[0].weight.copy_(tensor(new[,] { { 0.7f, 0.7f }, { 2f, 2f }, { 1.2f, 0f } }));
            model.Layers[1].weight.copy_(tensor(new[,] { { 1f, 0.01f, 1f } }));
        }

        var result = NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Magnitude(weights, norm));

        Assert.Equal(new[] { expected }, result.PrunedNeurons[0]);
    }

    [Fact]
    public void Taylor_saliency_prunes_the_neuron_whose_activation_times_gradient_is_smallest()
    {
        random.manual_seed(3);
        using var model = new MaskedDeepFfn(4, 2, new[] { 6 }, activation: Activation.Tanh);
        using var x = randn(16, 4);
        using var t = randn(16, 2);
        Tensor expected;
        {
            // |Σₙ aₙ·∂L/∂aₙ| computed directly on the hidden activations.
            var hidden = nn.functional.tanh(model.Layers[0].call(x)).detach().requires_grad_();
            var loss = nn.functional.mse_loss(model.Layers[1].call(hidden), t);
            var gradient = autograd.grad(new[] { loss }, new[] { hidden })[0];
            expected = hidden.mul(gradient).sum(0L).abs().detach();
        }

        var result = NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Taylor(new[] { (x, t) }, (y, target) => nn.functional.mse_loss(y, target)));

        Assert.Equal(new[] { (int)expected.argmin().item<long>() }, result.PrunedNeurons[0]);
        Assert.True(model.Layers[1].weight.grad is null || model.Layers[1].weight.grad!.count_nonzero().item<long>() == 0);
    }

    [Fact]
    public void A_dan_vertex_is_pruned_in_every_map_it_is_a_row_or_column_of()
    {
        // Layers 0 = {0, 1}, 1 = {2}, 2 = {3}: 0 -> 2 -> 3, 1 -> 2, 0 -> 3 (skip).
        var structure = Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 2), new Edge(2, 3), new Edge(0, 3) });
        using var model = new MaskedDeepDan(3, 2, structure);

        var result = NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { tensor(new[] { 0f, 1 }), ones(1), ones(1) }));

        Assert.Equal(new[] { 0 }, result.PrunedNeurons[0]);
        Assert.False(model.InputMap.Mask[0].any().item<bool>());
        Assert.Equal(0f, model.InputMap.bias![0].item<float>());
        Assert.False(model.MainMaps[0].Mask[.., 0].any().item<bool>());
        Assert.True(model.MainMaps[0].Mask[0, 1].item<bool>());
        Assert.Equal(0, model.SkipMaps[0].WeightCount);
        Assert.Equal(1, model.MainMaps[1].WeightCount);
    }

    [Fact]
    public void A_dans_last_layer_vertex_loses_its_output_map_column()
    {
        var structure = Structure.Create(3, new[] { new Edge(0, 1), new Edge(0, 2) });
        using var model = new MaskedDeepDan(3, 2, structure);

        NeuronPruning.Prune(model, 1, PruningStrategy.Absolute, NeuronSaliency.Given(new[] { ones(1), tensor(new[] { 1f, 0 }) }));

        Assert.False(model.OutputMap.Mask[.., 1].any().item<bool>());
        Assert.True(model.OutputMap.Mask[.., 0].all().item<bool>());
        Assert.False(model.MainMaps[0].Mask[1].any().item<bool>());
    }

    [Fact]
    public void A_sequential_of_masked_linear_layers_and_activations_has_clear_neurons()
    {
        using var model = nn.Sequential(("fc1", new MaskedLinear(4, 6)), ("act", nn.ReLU()), ("fc2", new MaskedLinear(6, 5)), ("drop", nn.Dropout()), ("fc3", new MaskedLinear(5, 2)));

        var result = NeuronPruning.Prune(model, 50, scope: PruningScope.PerLayer);

        Assert.Equal(new long[] { 3, 2 }, result.PrunedPerLayer);
        Assert.Equal(new[] { "output of 'fc1'", "output of 'fc2'" }, result.Layers);
    }

    [Fact]
    public void A_sequential_with_a_module_between_its_layers_that_is_not_elementwise_is_refused_naming_it()
    {
        using var model = nn.Sequential(("fc1", new MaskedLinear(4, 6)), ("norm", nn.LayerNorm(6)), ("fc2", new MaskedLinear(6, 2)));

        var error = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 50));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("Sequential", error.Message, StringComparison.Ordinal);
        Assert.Contains("'norm' (LayerNorm) between two MaskedLinear layers is not elementwise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_whose_neurons_are_not_clear_is_refused_naming_its_type()
    {
        using var model = new MaskedDeepRnn(3, new[] { 4 });

        var error = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 50));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("MaskedDeepRnn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_masked_linear_has_no_hidden_neurons_and_is_refused()
    {
        using var model = nn.Sequential(("fc", new MaskedLinear(4, 2)));

        var error = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 50));

        Assert.Contains("1 MaskedLinear layer(s), so no hidden neurons", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(120.0, PruningStrategy.Percentage, "value", "120")]
    [InlineData(-1.0, PruningStrategy.Percentage, "value", "-1")]
    [InlineData(2.5, PruningStrategy.Absolute, "value", "2.5")]
    [InlineData(30.0, PruningStrategy.Absolute, "value", "30")]
    public void An_amount_out_of_range_is_refused_naming_the_value_before_any_mask_changes(double value, PruningStrategy strategy, string parameter, string shown)
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });

        var error = Assert.ThrowsAny<ArgumentException>(() => NeuronPruning.Prune(model, value, strategy));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, PrunedPerLayer(model).Sum());
    }

    [Fact]
    public void An_unknown_scope_is_refused_naming_it()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 10 });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NeuronPruning.Prune(model, 10, scope: (PruningScope)7));

        Assert.Equal("scope", error.ParamName);
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_saliencies_of_the_wrong_shape_or_with_a_nan_are_refused_naming_the_layer()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });

        var shape = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 10, saliency: NeuronSaliency.Given(new[] { ones(10), ones(7) })));
        var count = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 10, saliency: NeuronSaliency.Given(new[] { ones(10) })));
        using var withNaN = ones(8);
        withNaN[3] = tensor(float.NaN);
        var nan = Assert.Throws<ArgumentException>(() => NeuronPruning.Prune(model, 10, saliency: NeuronSaliency.Given(new[] { ones(10), withNaN })));

        Assert.Equal("saliency", shape.ParamName);
        Assert.Contains("hidden 1 (layers.1) must be a floating-point vector of its 8 neurons, but has shape [7]", shape.Message, StringComparison.Ordinal);
        Assert.Contains("for 1 layer(s), but MaskedDeepFfn has 2", count.Message, StringComparison.Ordinal);
        Assert.Equal("saliency", nan.ParamName);
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);
        Assert.Equal(0, PrunedPerLayer(model).Sum());
    }

    [Fact]
    public void The_result_prints_a_table_per_layer()
    {
        using var model = new MaskedDeepFfn(6, 3, new[] { 10, 8 });

        var text = NeuronPruning.Prune(model, 50, scope: PruningScope.PerLayer).ToString();

        Assert.Equal(
            "pruned 9 of 18 neurons (50.00 %) of MaskedDeepFfn, 9 left\n"
            + "layer                neurons  present  pruned  left\n"
            + "hidden 0 (layers.0)       10       10       5     5\n"
            + "hidden 1 (layers.1)        8        8       4     4\n",
            text);
    }
}
