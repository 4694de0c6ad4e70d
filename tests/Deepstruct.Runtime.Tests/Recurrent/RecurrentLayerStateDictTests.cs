using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Recurrent;

/// <summary>
/// The names a recurrent layer saves under are its checkpoint format: they stay TorchSharp's cell
/// names plus the two masks, in this order, whatever the layer's class hierarchy.
/// </summary>
public class RecurrentLayerStateDictTests
{
    private static nn.Module Create(RecurrentCell cell, bool bias) => cell switch
    {
        RecurrentCell.Rnn => new MaskedRecurrentLayer(3, 4, bias: bias),
        RecurrentCell.Gru => new MaskedGruLayer(3, 4, bias: bias),
        _ => new MaskedLstmLayer(3, 4, bias: bias),
    };

    [Theory]
    [InlineData(RecurrentCell.Rnn, true)]
    [InlineData(RecurrentCell.Gru, true)]
    [InlineData(RecurrentCell.Lstm, true)]
    [InlineData(RecurrentCell.Rnn, false)]
    [InlineData(RecurrentCell.Gru, false)]
    [InlineData(RecurrentCell.Lstm, false)]
    public void Recurrent_layers_save_TorchSharps_cell_names_and_their_masks_in_order(RecurrentCell cell, bool bias)
    {
        using var layer = Create(cell, bias);
        var parameters = bias ? new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" } : new[] { "weight_ih", "weight_hh" };

        Assert.Equal(parameters, layer.named_parameters().Select(pair => pair.name));
        Assert.Equal(new[] { "mask_ih", "mask_hh" }, layer.named_buffers().Select(pair => pair.name));
        Assert.Equal(parameters.Concat(new[] { "mask_ih", "mask_hh" }), layer.state_dict().Keys);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Recurrent_layers_keep_their_state_dict_entries_live_after_to_float64(RecurrentCell cell)
    {
        using var module = Create(cell, bias: true);
        var layer = (IMaskedRecurrentLayer)module;

        module.to(ScalarType.Float64);
        var state = module.state_dict();

        Assert.Equal(new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh", "mask_ih", "mask_hh" }, state.Keys);
        Assert.Equal(ScalarType.Float64, state["bias_hh"].dtype);
        Assert.Equal(ScalarType.Bool, state["mask_hh"].dtype);
        Assert.Equal(layer.InputToHidden.Weight.Handle, state["weight_ih"].Handle);
        Assert.Equal(layer.HiddenToHidden.Weight.Handle, state["weight_hh"].Handle);
        Assert.Equal(layer.InputToHidden.Mask.Handle, state["mask_ih"].Handle);
        Assert.Equal(layer.HiddenToHidden.Mask.Handle, state["mask_hh"].Handle);
    }
}
