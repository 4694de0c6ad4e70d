using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Bad input is refused with an ArgumentException naming the parameter and the value, before anything changes.</summary>
public class PruningValidationTests
{
    [Theory]
    [InlineData(PruningStrategy.Percentage, -1.0)]
    [InlineData(PruningStrategy.Percentage, 100.5)]
    [InlineData(PruningStrategy.Percentage, double.NaN)]
    [InlineData(PruningStrategy.Absolute, -1.0)]
    [InlineData(PruningStrategy.Absolute, 2.5)]
    [InlineData(PruningStrategy.Absolute, 16.0)]
    [InlineData(PruningStrategy.Bucket, -0.5)]
    [InlineData(PruningStrategy.Bucket, double.PositiveInfinity)]
    public void A_value_out_of_range_names_value(PruningStrategy strategy, double value)
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 2 }); // 12 weights

        foreach (var global in new[] { true, false })
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => global
                ? Deepstruct.Pruning.PruneNetworkBySaliency(model, value, strategy)
                : Deepstruct.Pruning.PruneLayerBySaliency(model, value, strategy));
            Assert.Equal("value", error.ParamName);
            Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        }

        Assert.Equal(12, PlantedSaliency.Unmasked(model.MaskableLayers()));
    }

    [Fact]
    public void An_unknown_strategy_names_strategy()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 2 });
        var error = Assert.ThrowsAny<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 1, (PruningStrategy)7));
        Assert.Equal("strategy", error.ParamName);
    }

    [Fact]
    public void A_model_without_maskable_layers_names_model()
    {
        using var model = nn.Sequential(nn.Linear(3, 2), nn.ReLU());
        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10));
        Assert.Equal("model", error.ParamName);
        Assert.Contains("Sequential", error.Message);
        Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneLayerBySaliency(model, 10));
        Assert.Empty(MaskSummary.Of(model).Layers);
    }

    [Fact]
    public void An_empty_list_of_layers_names_layers()
    {
        var error = Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(Array.Empty<IMaskedWeight>(), 10));
        Assert.Equal("layers", error.ParamName);
    }

    [Fact]
    public void A_selection_of_nothing_or_out_of_range_names_it()
    {
        using var model = new MaskedDeepFfn(4, 2, new[] { 2 });
        using var stranger = new MaskedLinear(2, 2);

        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, layers: LayerSelection.AllExcept(0, 1))).ParamName);
        var outOfRange = Assert.ThrowsAny<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, layers: LayerSelection.Only(2)));
        Assert.Equal("positions", outOfRange.ParamName);
        Assert.Contains("2", outOfRange.Message);
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, layers: LayerSelection.Only(stranger))).ParamName);
    }

    [Fact]
    public void Schedule_arguments_out_of_range_are_named()
    {
        Assert.Equal("initialSparsity", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(-0.1, 0.5, 0, 10)).ParamName);
        Assert.Equal("finalSparsity", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(0.5, 0.4, 0, 10)).ParamName);
        Assert.Equal("finalSparsity", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(0, 1.5, 0, 10)).ParamName);
        Assert.Equal("startStep", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(0, 0.5, -1, 10)).ParamName);
        Assert.Equal("endStep", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(0, 0.5, 5, 4)).ParamName);
        Assert.Equal("frequency", Assert.ThrowsAny<ArgumentException>(() => new GradualPruningSchedule(0, 0.5, 0, 10, frequency: 0)).ParamName);
    }
}
