using Deepstruct.Inference;
using Deepstruct.Runtime.Tests.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Inference;

/// <summary>Sparse inference computes the masked model's function from the unmasked weights alone.</summary>
public class SparseInferenceTests
{
    public static TheoryData<Activation, bool, int> Variants()
    {
        var data = new TheoryData<Activation, bool, int>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, activation == Activation.GELU, 1);
            data.Add(activation, activation == Activation.Tanh, 64);
        }

        // Batches around the SIMD width: the scalar tail of the batch-wide kernel.
        data.Add(Activation.ReLU, true, 3);
        data.Add(Activation.ReLU, false, 19);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Sparse_inference_equals_the_dense_masked_float32_model(Activation activation, bool layerNorm, int batch)
    {
        torch.manual_seed(31);
        using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(40, 7, new[] { 30, 20 }, layerNorm, activation), keep: 0.2);
        model.eval();
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(batch, 40);

        AssertClose(model, sparse, input, relative: 1e-5, absolute: 1e-6);
        Assert.All(sparse.Layers, layer => Assert.True(layer.IsSparse));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void Sparse_inference_equals_the_dense_masked_float64_model(int batch)
    {
        torch.manual_seed(32);
        using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(new long[] { 2, 3, 5 }, 4, new[] { 12 }, useLayerNorm: true), keep: 0.3);
        model.to(float64).eval();
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(batch, 2, 3, 5, dtype: float64);

        AssertClose(model, sparse, input, relative: 1e-12, absolute: 1e-12);
        Assert.Equal(float64, sparse.Dtype);
    }

    [Fact]
    public void A_large_pruned_layer_runs_on_several_threads_and_gives_the_same_output()
    {
        torch.manual_seed(33);
        var threads = torch.get_num_threads();
        torch.set_num_threads(2);
        try
        {
            using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(784, 10, new[] { 300, 100 }), keep: 0.05);
            model.eval();
            using var sparse = SparseInference.Prepare(model);
            using var one = torch.randn(1, 784);
            using var many = torch.randn(64, 784);

            AssertClose(model, sparse, one, relative: 1e-5, absolute: 1e-6);
            AssertClose(model, sparse, many, relative: 1e-5, absolute: 1e-6);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void Views_of_other_tensors_are_read_at_their_offset_and_strides(int batch)
    {
        torch.manual_seed(37);
        using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(12, 3, new[] { 10 }), keep: 0.3);
        model.eval();
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var whole = torch.randn(batch + 5, 12);
        using var rows = whole.narrow(0, 3, batch);
        using var wide = torch.randn(12, batch);
        using var transposed = wide.t();

        AssertClose(model, sparse, rows, relative: 1e-5, absolute: 1e-6);
        AssertClose(model, sparse, transposed, relative: 1e-5, absolute: 1e-6);
    }

    [Fact]
    public void Auto_computes_layers_sparsely_up_to_the_crossover_density_and_densely_above()
    {
        torch.manual_seed(34);
        using var model = new MaskedDeepFfn(50, 5, new[] { 40, 30 });
        using (var sparseMask = torch.rand(40, 50).lt(0.05))
        {
            model.Layers[0].Mask = sparseMask;
        }

        using (var denseMask = torch.rand(30, 40).lt(0.3))
        {
            model.Layers[1].Mask = denseMask;
        }

        model.eval();
        using var prepared = SparseInference.Prepare(model);
        using var input = torch.randn(9, 50);

        Assert.Equal(new[] { true, false, false }, prepared.Layers.Select(l => l.IsSparse));
        Assert.Equal(new[] { "layers.0", "layers.1", "layers.2" }, prepared.Layers.Select(l => l.Path));
        Assert.Equal(model.Layers[0].WeightCount, prepared.Layers[0].WeightCount);
        AssertClose(model, prepared, input, relative: 1e-5, absolute: 1e-6);
    }

    [Fact]
    public void A_sequential_of_masked_modules_runs_in_order()
    {
        torch.manual_seed(35);
        var first = new MaskedLinear(6, 5);
        using (var mask = torch.rand(5, 6).lt(0.5))
        {
            first.Mask = mask;
        }

        using var model = nn.Sequential(
            ("first", (nn.Module<Tensor, Tensor>)first),
            ("ffn", OnnxExportTests.Pruned(new MaskedDeepFfn(5, 2, new[] { 4 }, activation: Activation.ELU), keep: 0.5)));
        model.eval();
        using var prepared = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(11, 6);

        AssertClose(model, prepared, input, relative: 1e-5, absolute: 1e-6);
        Assert.Equal(new[] { "first", "ffn.layers.0", "ffn.layers.1" }, prepared.Layers.Select(l => l.Path));
    }

    [Fact]
    public void The_prepared_model_is_a_snapshot_of_the_weights()
    {
        torch.manual_seed(36);
        using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(8, 3, new[] { 6 }), keep: 0.5);
        model.eval();
        using var prepared = SparseInference.Prepare(model);
        using var input = torch.randn(4, 8);
        using var before = model.call(input).detach();

        using (torch.no_grad())
        {
            model.Layers[0].weight.add_(1.0);
        }

        using var after = prepared.call(input);
        Assert.True(after.allclose(before, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_model_in_training_mode_is_refused()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });

        var error = Assert.Throws<ArgumentException>(() => SparseInference.Prepare(model));
        Assert.Equal("model", error.ParamName);
        Assert.Contains("model.eval()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prepared_model_put_in_training_mode_refuses_to_run()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.eval();
        using var prepared = SparseInference.Prepare(model);
        prepared.train();
        using var input = torch.randn(2, 4);

        var error = Assert.Throws<InvalidOperationException>(() => prepared.call(input));
        Assert.Contains("training mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_that_requires_a_gradient_is_refused_while_gradients_are_recorded()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.eval();
        using var prepared = SparseInference.Prepare(model);
        using var input = torch.randn(2, 4).requires_grad_();

        var error = Assert.Throws<InvalidOperationException>(() => prepared.call(input));
        Assert.Contains("no gradients", error.Message, StringComparison.Ordinal);
        using (torch.no_grad())
        {
            using var output = prepared.call(input);
            Assert.Equal(new long[] { 2, 2 }, output.shape);
        }
    }

    [Fact]
    public void An_unsupported_module_is_refused_with_its_type_and_path()
    {
        using var model = nn.Sequential(("first", (nn.Module<Tensor, Tensor>)new MaskedLinear(4, 4)), ("act", nn.ReLU()));
        model.eval();

        var error = Assert.Throws<NotSupportedException>(() => SparseInference.Prepare(model));
        Assert.Contains("ReLU at 'act'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_and_half_precision_models_are_refused()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.to(float16).eval();

        var error = Assert.Throws<ArgumentException>(() => SparseInference.Prepare(model));
        Assert.Contains("float32 and float64", error.Message, StringComparison.Ordinal);
        Assert.Contains("'layers.0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_of_another_dtype_or_shape_is_refused()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.eval();
        using var prepared = SparseInference.Prepare(model);
        using var doubles = torch.randn(2, 4, dtype: float64);
        using var wide = torch.randn(2, 5);

        Assert.Contains("dtype", Assert.Throws<ArgumentException>(() => prepared.call(doubles)).Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 4]", Assert.Throws<ArgumentException>(() => prepared.call(wide)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_crossover_density_outside_zero_to_one_is_refused(double density)
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.eval();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SparseInference.Prepare(model, new SparseInferenceOptions { MaximumSparseDensity = density }));
        Assert.Equal("options", error.ParamName);
    }

    /// <summary>Asserts that the prepared model gives the model's output within the tolerances.</summary>
    internal static void AssertClose(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor> sparse, Tensor input, double relative, double absolute)
    {
        using var scope = NewDisposeScope();
        using var noGrad = torch.no_grad();
        var expected = model.call(input);
        var actual = sparse.call(input);
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs();
        var tolerance = expected.abs() * relative + absolute;
        Assert.True(difference.le(tolerance).all().item<bool>(), $"largest difference {difference.max().to(float64).item<double>():R}");
    }
}
