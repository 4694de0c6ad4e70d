using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

public class MaskedLinearTests
{
    [Fact]
    public void Forward_is_a_linear_map_of_the_masked_weight()
    {
        torch.manual_seed(1);
        using var layer = new MaskedLinear(5, 3);
        using var mask = torch.rand(3, 5).gt(0.5);
        layer.Mask = mask;
        using var input = torch.randn(4, 5);

        using var actual = layer.call(input);
        using var masked = layer.weight.mul(mask);
        using var expected = torch.nn.functional.linear(input, masked, layer.bias);

        TensorAssert.Identical(expected, actual);
    }

    [Fact]
    public void Mask_is_a_persistent_bool_buffer_updated_in_place()
    {
        using var layer = new MaskedLinear(4, 2);
        var buffer = layer.Mask;
        using var mask = torch.tensor(new[] { true, false, true, false, false, true, false, true }, new long[] { 2, 4 });

        layer.Mask = mask;

        Assert.Same(buffer, layer.Mask);
        Assert.Equal(ScalarType.Bool, layer.Mask.dtype);
        TensorAssert.Identical(mask, layer.Mask);
        var state = layer.state_dict();
        Assert.True(state.ContainsKey("mask"));
        TensorAssert.Identical(mask, state["mask"]);
    }

    [Fact]
    public void Mask_of_the_wrong_shape_is_refused()
    {
        using var layer = new MaskedLinear(4, 2);
        using var mask = torch.ones(4, 2, dtype: ScalarType.Bool);

        var error = Assert.Throws<ArgumentException>(() => layer.Mask = mask);

        Assert.Equal("value", error.ParamName);
        Assert.Contains("[2, 4]", error.Message);
        Assert.Contains("[4, 2]", error.Message);
    }

    [Fact]
    public void Mask_of_the_wrong_dtype_is_refused()
    {
        using var layer = new MaskedLinear(4, 2);
        using var mask = torch.ones(2, 4);

        var error = Assert.Throws<ArgumentException>(() => layer.Mask = mask);

        Assert.Equal("value", error.ParamName);
        Assert.Contains("Float32", error.Message);
    }

    [Fact]
    public void ApplyMask_stores_exact_zeros_at_masked_positions_only()
    {
        torch.manual_seed(2);
        using var layer = new MaskedLinear(6, 5);
        using var before = layer.weight.detach().clone();
        using var mask = torch.rand(5, 6).gt(0.4);
        layer.Mask = mask;

        layer.ApplyMask();

        Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(layer.weight, mask));
        TensorAssert.Identical(before.masked_select(mask), layer.weight.masked_select(mask));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(10.0)]
    public void RecomputeMask_masks_exactly_the_weights_below_theta(double theta)
    {
        using var layer = new MaskedLinear(4, 2);
        using (torch.no_grad())
        {
            using var values = torch.tensor(new[] { 0.0f, 0.05f, -0.1f, 0.1f, -0.2f, 0.25f, -0.3f, 1.0f }, new long[] { 2, 4 });
            layer.weight.copy_(values);
        }

        layer.RecomputeMask(theta);

        var weights = layer.weight.data<float>().ToArray();
        var mask = layer.Mask.data<bool>().ToArray();
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.Equal(Math.Abs(weights[i]) >= (float)theta, mask[i]);
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RecomputeMask_refuses_a_bad_threshold(double theta)
    {
        using var layer = new MaskedLinear(4, 2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.RecomputeMask(theta));

        Assert.Equal("theta", error.ParamName);
    }

    [Fact]
    public void Saliency_defaults_to_the_weight_magnitude_and_can_be_set()
    {
        using var layer = new MaskedLinear(3, 2);
        using (var saliency = layer.Saliency!)
        using (var magnitude = layer.weight.abs())
        {
            TensorAssert.Identical(magnitude, saliency);
        }

        using var custom = torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        layer.Saliency = custom;
        using (var saliency = layer.Saliency!)
        {
            TensorAssert.Identical(custom, saliency);
        }

        layer.to(ScalarType.Float64);
        using (var saliency = layer.Saliency!)
        using (var expected = custom.to(ScalarType.Float64))
        {
            TensorAssert.Identical(expected, saliency);
        }

        layer.Saliency = null;
        using (var saliency = layer.Saliency!)
        using (var magnitude = layer.weight.abs())
        {
            TensorAssert.Identical(magnitude, saliency);
        }

        using var wrong = torch.zeros(3, 2);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => layer.Saliency = wrong).ParamName);
    }

    [Fact]
    public void A_fresh_layer_has_every_weight_unmasked()
    {
        using var layer = new MaskedLinear(7, 3);

        Assert.Equal(21L, layer.WeightCount);
        Assert.Equal(21L, layer.Capacity);
    }

    [Fact]
    public void Input_of_the_wrong_width_is_refused()
    {
        using var layer = new MaskedLinear(4, 2);
        using var input = torch.ones(3, 5);

        var error = Assert.Throws<ArgumentException>(() => layer.call(input));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("[3, 5]", error.Message);
    }

    [Theory]
    [InlineData(0, 3, "inFeatures")]
    [InlineData(3, -1, "outFeatures")]
    public void Sizes_below_one_are_refused(long inFeatures, long outFeatures, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedLinear(inFeatures, outFeatures));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Without_bias_the_layer_has_only_a_weight()
    {
        using var layer = new MaskedLinear(3, 2, bias: false);

        Assert.Null(layer.bias);
        Assert.Equal(new[] { "weight" }, layer.named_parameters().Select(p => p.name));
    }
}
