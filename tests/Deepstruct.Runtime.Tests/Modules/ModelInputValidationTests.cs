using Deepstruct.Runtime.Tests.Training;
using Deepstruct.Structures;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>Bad sizes, structures and inputs raise an ArgumentException that names what is wrong.</summary>
public class ModelInputValidationTests
{
    [Theory]
    [InlineData(0, 2, "inputSize")]
    [InlineData(3, 0, "outputSize")]
    public void Ffn_refuses_sizes_below_one(int inputSize, int outputSize, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(inputSize, outputSize, new[] { 4 }));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Ffn_refuses_a_hidden_size_below_one_and_names_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedDeepFfn(3, 2, new[] { 4, 0 }));

        Assert.Equal("hidden", error.ParamName);
        Assert.Contains("hidden[1] = 0", error.Message);
    }

    [Fact]
    public void Ffn_refuses_an_empty_hidden_list_as_deepstruct_does()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(784, 10, Array.Empty<int>()));

        Assert.Equal("hidden", error.ParamName);
        Assert.Contains("empty", error.Message);
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 3, 0 })]
    [InlineData(new long[] { -1 })]
    public void Models_refuse_a_bad_input_shape(long[] shape)
    {
        Assert.Equal("inputShape", Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(shape, 2, new[] { 4 })).ParamName);
        Assert.Equal("inputShape", Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(shape, 2, TrainingTests.ThreeLayers())).ParamName);
    }

    [Theory]
    [InlineData(0, 2, "inputSize")]
    [InlineData(3, 0, "outputSize")]
    public void Dan_refuses_sizes_below_one(int inputSize, int outputSize, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(inputSize, outputSize, TrainingTests.ThreeLayers()));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Dan_refuses_an_empty_structure()
    {
        var empty = Structure.Create(0, Array.Empty<Edge>());

        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(3, 2, empty));

        Assert.Equal("structure", error.ParamName);
    }

    [Fact]
    public void A_cyclic_structure_never_reaches_a_model()
    {
        var error = Assert.Throws<StructureCycleException>(() => Structure.Create(3, new[] { new Edge(0, 1), new Edge(1, 2), new Edge(2, 0) }));

        Assert.Contains("0 -> 1 -> 2 -> 0", error.Message);
    }

    [Fact]
    public void Models_refuse_an_unknown_activation()
    {
        Assert.Equal("activation", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedDeepFfn(3, 2, new[] { 4 }, activation: (Activation)99)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedDeepDan(3, 2, TrainingTests.ThreeLayers(), new DanOptions { Activation = (Activation)99 })).ParamName);
    }

    [Fact]
    public void Models_refuse_input_of_the_wrong_width_or_shape()
    {
        using var ffn = new MaskedDeepFfn(new long[] { 2, 3 }, 2, new[] { 4 });
        using var dan = new MaskedDeepDan(5, 2, TrainingTests.ThreeLayers());
        using var wrongShape = torch.ones(4, 3, 2);
        using var wrongWidth = torch.ones(4, 6);

        var ffnError = Assert.Throws<ArgumentException>(() => ffn.call(wrongShape));
        var danError = Assert.Throws<ArgumentException>(() => dan.call(wrongWidth));

        Assert.Equal("input", ffnError.ParamName);
        Assert.Contains("[batch, 2, 3]", ffnError.Message);
        Assert.Contains("[4, 3, 2]", ffnError.Message);
        Assert.Equal("input", danError.ParamName);
        Assert.Contains("[batch, 5]", danError.Message);
    }

    [Theory]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.ELU)]
    [InlineData(Activation.Identity)]
    public void Every_activation_runs_forward_and_backward(Activation activation)
    {
        torch.manual_seed(81);
        using var dan = new MaskedDeepDan(4, 2, TrainingTests.ThreeLayers(), new DanOptions { Activation = activation });
        using var input = torch.randn(3, 4);

        using var output = dan.call(input);
        using var loss = output.square().sum();
        loss.backward();

        Assert.Equal(new long[] { 3, 2 }, output.shape);
        // The main and skip maps are views of one fused parameter: their gradient is its slice.
        Assert.NotNull(dan.InputMap.weight.grad);
        Assert.NotNull(dan.OutputMap.weight.grad);
        Assert.All(dan.MainMaps.Concat(dan.SkipMaps), map =>
        {
            using var grad = map.grad;
            Assert.NotNull(grad);
            Assert.Equal(map.Mask.shape, grad.shape);
        });
    }

    [Fact]
    public void MaskableLayers_lists_input_main_skip_and_output_maps_in_order()
    {
        using var dan = new MaskedDeepDan(4, 2, TrainingTests.ThreeLayers());

        var layers = dan.MaskableLayers().ToList();

        Assert.Equal(1 + dan.MainMaps.Count + dan.SkipMaps.Count + 1, layers.Count);
        Assert.Same(dan.InputMap, layers[0]);
        Assert.Equal(dan.MainMaps.Concat(dan.SkipMaps), layers.Skip(1).Take(layers.Count - 2));
        Assert.Same(dan.OutputMap, layers[^1]);
    }
}
