using Deepstruct.Export;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>Unsupported modules and bad arguments are refused with errors that say what and where.</summary>
public class OnnxExportErrorTests
{
    [Fact]
    public void An_unmasked_torchsharp_module_is_refused_naming_its_type_and_that_it_is_the_model_itself()
    {
        using var model = nn.Linear(3, 2);

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));

        Assert.Contains("Linear", error.Message);
        Assert.Contains("(the model itself)", error.Message);
    }

    [Fact]
    public void A_convolution_inside_a_sequential_is_refused_naming_its_path()
    {
        using var model = nn.Sequential(
            ("linear", (nn.Module<Tensor, Tensor>)new MaskedLinear(4, 4)),
            ("conv", nn.Conv2d(1, 1, 3)));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));

        Assert.Contains("Conv2d", error.Message);
        Assert.Contains("'conv'", error.Message);
    }

    [Fact]
    public void An_ffn_subclass_with_its_own_forward_pass_is_refused()
    {
        using var model = new DoublingFfn();

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));

        Assert.Contains("DoublingFfn", error.Message);
        Assert.Contains("forward", error.Message);
    }

    [Fact]
    public void A_refused_model_leaves_no_file()
    {
        using var model = nn.Sequential(("conv", nn.Conv2d(1, 1, 3)));
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-onnx-{Guid.NewGuid():N}.onnx");

        Assert.Throws<NotSupportedException>(() => OnnxExport.Save(model, path));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Null_arguments_are_refused_naming_the_parameter()
    {
        using var layer = new MaskedLinear(2, 2);

        Assert.Equal("module", Assert.Throws<ArgumentNullException>(() => OnnxExport.ToBytes(null!)).ParamName);
        Assert.Equal("module", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(null!, "a.onnx")).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => OnnxExport.Save(layer, null!)).ParamName);
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        using var layer = new MaskedLinear(2, 2);
        var directory = Path.Combine(Path.GetTempPath(), $"deepstruct-missing-{Guid.NewGuid():N}");

        var error = Assert.Throws<DirectoryNotFoundException>(() => OnnxExport.Save(layer, Path.Combine(directory, "model.onnx")));

        Assert.Contains(directory, error.Message);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(22)]
    public void An_opset_outside_the_supported_range_is_refused(int opset)
    {
        using var layer = new MaskedLinear(2, 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExport.ToBytes(layer, new OnnxExportOptions { Opset = opset }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains($"was {opset}", error.Message);
    }

    [Fact]
    public void Equal_input_and_output_names_are_refused()
    {
        using var layer = new MaskedLinear(2, 2);

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(layer, new OnnxExportOptions { InputName = "x", OutputName = "x" }));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void A_half_precision_model_is_refused_naming_the_dtype()
    {
        using var layer = new MaskedLinear(2, 2);
        layer.to(ScalarType.Float16);

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(layer));

        Assert.Contains("Float16", error.Message);
    }

    [Fact]
    public void Modules_of_mismatched_widths_in_a_sequential_are_refused()
    {
        using var model = nn.Sequential(
            ("a", (nn.Module<Tensor, Tensor>)new MaskedLinear(4, 3)),
            ("b", new MaskedLinear(5, 2)));

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));

        Assert.Contains("'b'", error.Message);
    }

    [Fact]
    public void An_empty_sequential_is_refused()
    {
        using var model = nn.Sequential();

        Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
    }

    private sealed class DoublingFfn : MaskedDeepFfn
    {
        public DoublingFfn()
            : base(2, 2, new[] { 2 })
        {
        }

        public override Tensor forward(Tensor input) => base.forward(input).mul(2);
    }
}
