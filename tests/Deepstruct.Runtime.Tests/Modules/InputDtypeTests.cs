using Deepstruct.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>Input of another dtype than the weights' is refused at the module boundary, naming both dtypes.</summary>
public class InputDtypeTests
{
    public static TheoryData<ScalarType> WrongDtypes => new() { ScalarType.Int64, ScalarType.Float64 };

    [Theory]
    [MemberData(nameof(WrongDtypes))]
    public void Ffn_refuses_input_of_another_dtype_naming_the_expected_one(ScalarType dtype)
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        using var input = torch.ones(5, 4, dtype: dtype);

        var error = Assert.Throws<ArgumentException>(() => model.call(input));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("dtype Float32", error.Message);
        Assert.Contains($"dtype {dtype}", error.Message);
    }

    [Theory]
    [MemberData(nameof(WrongDtypes))]
    public void Dan_refuses_input_of_another_dtype_naming_the_expected_one(ScalarType dtype)
    {
        using var model = new MaskedDeepDan(8, 2, TrainingTests.ThreeLayers());
        using var input = torch.ones(5, 8, dtype: dtype);

        var error = Assert.Throws<ArgumentException>(() => model.call(input));

        Assert.Contains("MaskedDeepDan", error.Message);
        Assert.Contains("dtype Float32", error.Message);
        Assert.Contains($"dtype {dtype}", error.Message);
    }

    [Theory]
    [MemberData(nameof(WrongDtypes))]
    public void MaskedLinear_refuses_input_of_another_dtype_naming_the_expected_one(ScalarType dtype)
    {
        using var layer = new MaskedLinear(4, 2);
        using var input = torch.ones(3, 4, dtype: dtype);

        var error = Assert.Throws<ArgumentException>(() => layer.call(input));

        Assert.Contains("dtype Float32", error.Message);
        Assert.Contains($"dtype {dtype}", error.Message);
    }

    [Fact]
    public void A_dan_map_view_refuses_input_of_another_dtype()
    {
        using var model = new MaskedDeepDan(8, 2, TrainingTests.ThreeLayers());
        using var input = torch.ones(5, (int)model.MainMaps[0].InFeatures, dtype: ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => model.MainMaps[0].forward(input));

        Assert.Contains("dtype Float32", error.Message);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Recurrent_models_refuse_input_of_another_dtype_naming_the_expected_one(RecurrentCell cell)
    {
        using var model = new MaskedDeepRnn(3, new[] { 4 }, cell);
        using var sequence = torch.ones(2, 5, 3, dtype: ScalarType.Int64);

        var error = Assert.Throws<ArgumentException>(() => model.call(sequence));

        Assert.Contains("dtype Float32", error.Message);
        Assert.Contains("dtype Int64", error.Message);
    }

    [Fact]
    public void Recurrent_layers_refuse_a_step_or_state_of_another_dtype()
    {
        using var layer = new MaskedLstmLayer(3, 4);
        using var step = torch.ones(2, 3, dtype: ScalarType.Float64);
        using var good = torch.ones(2, 3);
        using var hidden = torch.zeros(2, 4, dtype: ScalarType.Float64);
        using var cell = torch.zeros(2, 4);

        Assert.Contains("dtype Float64", Assert.Throws<ArgumentException>(() => layer.call(step, null)).Message);
        Assert.Equal("state.hidden", Assert.Throws<ArgumentException>(() => layer.call(good, (hidden, cell))).ParamName);
    }

    [Fact]
    public void A_model_moved_to_float64_takes_float64_input()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        model.to(ScalarType.Float64);
        using var input = torch.ones(5, 4, dtype: ScalarType.Float64);

        using var output = model.call(input);

        Assert.Equal(ScalarType.Float64, output.dtype);
    }
}
