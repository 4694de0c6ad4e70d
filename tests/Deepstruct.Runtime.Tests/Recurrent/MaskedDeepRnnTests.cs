using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Recurrent;

public class MaskedDeepRnnTests
{
    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Sequence_first_and_batch_first_give_batch_by_last_hidden_and_agree(RecurrentCell cell)
    {
        torch.manual_seed(31);
        using var sequenceFirst = new MaskedDeepRnn(3, new[] { 6, 4 }, cell);
        torch.manual_seed(31);
        using var batchFirst = new MaskedDeepRnn(3, new[] { 6, 4 }, cell, batchFirst: true);
        using var input = torch.randn(7, 5, 3);
        using var transposed = input.transpose(0, 1).contiguous();

        using var a = sequenceFirst.call(input);
        using var b = batchFirst.call(transposed);
        Assert.Equal(new long[] { 5, 4 }, a.shape);
        Assert.Equal(new long[] { 5, 4 }, b.shape);
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));

        using var allA = sequenceFirst.Unfold(input);
        using var allB = batchFirst.Unfold(transposed);
        Assert.Equal(new long[] { 7, 5, 4 }, allA.shape);
        Assert.Equal(new long[] { 5, 7, 4 }, allB.shape);
        TensorAssert.Identical(a, allA[-1]);
        Assert.Equal(2 * 2, sequenceFirst.MaskableLayers().Count());
    }

    [Fact]
    public void Layers_expose_their_weights_gate_stacked_and_their_masks_as_bool_buffers()
    {
        using var model = new MaskedDeepRnn(3, new[] { 6, 4 }, RecurrentCell.Lstm);
        var weights = model.MaskableLayers().ToArray();
        Assert.Equal(new long[] { 24, 3 }, weights[0].Weight.shape);
        Assert.Equal(new long[] { 24, 6 }, weights[1].Weight.shape);
        Assert.Equal(new long[] { 16, 6 }, weights[2].Weight.shape);
        Assert.Equal(new long[] { 16, 4 }, weights[3].Weight.shape);
        Assert.All(weights, w => Assert.Equal(ScalarType.Bool, w.Mask.dtype));
        Assert.Equal(24L * 3, weights[0].WeightCount);
        var buffers = model.named_buffers().Select(b => b.name).ToArray();
        Assert.Equal(new[] { "layers.0.mask_hh", "layers.0.mask_ih", "layers.1.mask_hh", "layers.1.mask_ih" }, buffers.Order(StringComparer.Ordinal));
        using var saliency = weights[1].Saliency!;
        using var magnitude = weights[1].Weight.abs();
        TensorAssert.Identical(magnitude, saliency);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Masked_weights_are_exact_zeros_that_stay_zero_and_do_not_act(RecurrentCell cell)
    {
        torch.manual_seed(32);
        using var model = new MaskedDeepRnn(2, new[] { 5, 3 }, cell, batchFirst: true);
        using var input = torch.randn(4, 6, 2);
        using var target = torch.randn(4, 3);
        using var inner = torch.optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        // Momentum gathered before the masks exist would move masked weights; the wrapper keeps them at zero.
        TrainSteps(model, inner, input, target, 3);
        foreach (var weight in model.MaskableLayers())
        {
            using var keep = torch.rand(weight.Weight.shape).gt(0.5);
            weight.Mask = keep;
        }

        model.ApplyMask();
        Assert.All(model.MaskableLayers(), w => Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(w.Weight, w.Mask)));
        using var optimizer = new MaskPreservingOptimizer(inner, model);
        TrainSteps(model, optimizer, input, target, 5);
        Assert.All(model.MaskableLayers(), w => Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(w.Weight, w.Mask)));

        // Whatever is stored at masked positions takes no part.
        using var before = model.call(input);
        using (torch.no_grad())
        {
            foreach (var weight in model.MaskableLayers())
            {
                using var masked = weight.Mask.logical_not();
                weight.Weight.masked_fill_(masked, 7.0);
            }
        }

        using var after = model.call(input);
        TensorAssert.Identical(before, after);
    }

    private static void TrainSteps(MaskedDeepRnn model, torch.optim.Optimizer optimizer, Tensor input, Tensor target, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.mse_loss(model.call(input), target).backward();
            optimizer.step();
        }
    }

    [Fact]
    public void RecomputeMask_by_kind_is_deepstructs_apply_mask()
    {
        torch.manual_seed(33);
        using var model = new MaskedDeepRnn(4, new[] { 6, 5 }, RecurrentCell.Gru);
        const double theta = 0.2;

        model.RecomputeMask(theta, inputToHidden: false, hiddenToHidden: false);
        Assert.All(model.MaskableLayers(), w => Assert.True(w.Mask.all().item<bool>()));

        model.RecomputeMask(theta, inputToHidden: true, hiddenToHidden: false);
        foreach (var layer in model.Layers)
        {
            using var expected = layer.InputToHidden.Weight.abs().ge(theta);
            TensorAssert.Identical(expected, layer.InputToHidden.Mask);
            Assert.False(expected.all().item<bool>());
            Assert.True(layer.HiddenToHidden.Mask.all().item<bool>());
        }

        model.RecomputeMask(theta, inputToHidden: false, hiddenToHidden: true);
        foreach (var layer in model.Layers)
        {
            using var expected = layer.HiddenToHidden.Weight.abs().ge(theta);
            TensorAssert.Identical(expected, layer.HiddenToHidden.Mask);
        }

        model.RecomputeMask(0.0);
        Assert.All(model.MaskableLayers(), w => Assert.True(w.Mask.all().item<bool>()));
        Assert.Equal("theta", Assert.Throws<ArgumentOutOfRangeException>(() => model.RecomputeMask(-1, true, true)).ParamName);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Learns_to_recall_the_first_element_of_a_sequence(RecurrentCell cell)
    {
        torch.manual_seed(34);
        using var sequences = torch.randn(128, 5, 1);
        using var target = sequences[.., 0, ..].clone();
        using var rnn = new MaskedDeepRnn(1, new[] { 16 }, cell, batchFirst: true);
        using var readout = nn.Linear(16, 1);
        using var model = nn.Sequential(rnn, readout);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        var variance = target.var().item<float>();
        var loss = 0f;
        for (var step = 0; step < 400; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var error = nn.functional.mse_loss(model.call(sequences), target);
            error.backward();
            optimizer.step();
            loss = error.item<float>();
        }

        Assert.True(loss < variance / 10, $"{cell}: loss {loss} against a mean predictor's {variance}");
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Save_then_load_gives_identical_outputs_and_masks_and_to_float64_keeps_masks_bool(RecurrentCell cell)
    {
        torch.manual_seed(35);
        using var original = new MaskedDeepRnn(3, new[] { 5, 2 }, cell);
        original.RecomputeMask(0.2);
        original.ApplyMask();
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-rnn-{Guid.NewGuid():N}.bin");
        try
        {
            original.save(path);
            torch.manual_seed(36);
            using var loaded = new MaskedDeepRnn(3, new[] { 5, 2 }, cell);
            loaded.load(path);
            using var input = torch.randn(4, 2, 3);
            using var expected = original.call(input);
            using var actual = loaded.call(input);
            TensorAssert.Identical(expected, actual);
            foreach (var (saved, restored) in original.MaskableLayers().Zip(loaded.MaskableLayers()))
            {
                TensorAssert.Identical(saved.Mask, restored.Mask);
                TensorAssert.Identical(saved.Weight, restored.Weight);
            }
        }
        finally
        {
            File.Delete(path);
        }

        original.to(ScalarType.Float64);
        var state = original.state_dict();
        foreach (var (layer, index) in original.Layers.Select((l, i) => (l, i)))
        {
            Assert.Equal(ScalarType.Float64, layer.InputToHidden.Weight.dtype);
            Assert.Equal(ScalarType.Bool, layer.InputToHidden.Mask.dtype);
            Assert.Equal(ScalarType.Bool, layer.HiddenToHidden.Mask.dtype);
            Assert.Equal(layer.InputToHidden.Mask.Handle, state[$"layers.{index}.mask_ih"].Handle);
            Assert.Equal(layer.HiddenToHidden.Weight.Handle, state[$"layers.{index}.weight_hh"].Handle);
        }

        using var wide = torch.randn(4, 2, 3, dtype: ScalarType.Float64);
        using var output = original.call(wide);
        Assert.Equal(ScalarType.Float64, output.dtype);
    }

    [Fact]
    public void Bad_input_raises_ArgumentException_naming_the_parameter_and_value()
    {
        var size = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepRnn(0, new[] { 3 }));
        Assert.Equal("inputSize", size.ParamName);
        Assert.Contains("0", size.Message);
        Assert.Equal("hidden", Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepRnn(2, Array.Empty<int>())).ParamName);
        var hidden = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepRnn(2, new[] { 3, -2 }));
        Assert.Equal("hidden", hidden.ParamName);
        Assert.Contains("hidden[1] = -2", hidden.Message);
        Assert.Equal("cell", Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepRnn(2, new[] { 3 }, (RecurrentCell)7)).ParamName);
        Assert.Equal("hiddenSize", Assert.ThrowsAny<ArgumentException>(() => new MaskedGruLayer(2, 0)).ParamName);
        Assert.Equal("nonlinearity", Assert.ThrowsAny<ArgumentException>(() => new MaskedRecurrentLayer(2, 3, nonlinearity: (Activation)99)).ParamName);

        using var model = new MaskedDeepRnn(2, new[] { 3 }, RecurrentCell.Gru);
        using var wide = torch.randn(4, 5, 3);
        var width = Assert.Throws<ArgumentException>(() => model.call(wide));
        Assert.Equal("input", width.ParamName);
        Assert.Contains("[4, 5, 3]", width.Message);
        using var flat = torch.randn(4, 2);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => model.call(flat)).ParamName);

        var weight = model.Layers[0].InputToHidden;
        using var wrongShape = torch.ones(3, 2, dtype: ScalarType.Bool);
        var shape = Assert.Throws<ArgumentException>(() => weight.Mask = wrongShape);
        Assert.Equal("value", shape.ParamName);
        Assert.Contains("[9, 2]", shape.Message);
        Assert.Contains("[3, 2]", shape.Message);
        using var wrongType = torch.ones(9, 2);
        Assert.Contains("Float32", Assert.Throws<ArgumentException>(() => weight.Mask = wrongType).Message);

        using var layer = new MaskedGruLayer(2, 3);
        var parameter = Assert.Throws<ArgumentException>(() => layer.weight_hh = new TorchSharp.Modules.Parameter(torch.zeros(3, 3)));
        Assert.Equal("value", parameter.ParamName);
        Assert.Contains("[9, 3]", parameter.Message);
        using var step = torch.randn(4, 2);
        using var badState = torch.randn(5, 3);
        var state = Assert.Throws<ArgumentException>(() => layer.call(step, badState));
        Assert.Equal("hx", state.ParamName);
        Assert.Contains("[5, 3]", state.Message);
        using var lstm = new MaskedLstmLayer(2, 3);
        var cellState = Assert.Throws<ArgumentException>(() => lstm.call(step, (torch.zeros(4, 3), badState)));
        Assert.Equal("state.cell", cellState.ParamName);
    }
}
