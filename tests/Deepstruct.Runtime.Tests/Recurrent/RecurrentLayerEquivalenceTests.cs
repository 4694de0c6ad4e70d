using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Recurrent;

/// <summary>The masked layers compute what TorchSharp's own cells compute with the masked weights.</summary>
public class RecurrentLayerEquivalenceTests
{
    private static void CopyMaskedWeights(IMaskedRecurrentLayer ours, Tensor? biasIh, Tensor? biasHh, TorchSharp.Modules.Parameter weightIh, TorchSharp.Modules.Parameter weightHh, TorchSharp.Modules.Parameter biasIhTheirs, TorchSharp.Modules.Parameter biasHhTheirs)
    {
        using (torch.no_grad())
        {
            using var ih = ours.InputToHidden.Weight.mul(ours.InputToHidden.Mask);
            using var hh = ours.HiddenToHidden.Weight.mul(ours.HiddenToHidden.Mask);
            weightIh.copy_(ih);
            weightHh.copy_(hh);
            biasIhTheirs.copy_(biasIh!);
            biasHhTheirs.copy_(biasHh!);
        }
    }

    private static void MaskRandomly(IMaskedRecurrentLayer layer, bool enabled)
    {
        if (!enabled)
        {
            return;
        }

        using var ih = torch.rand(layer.InputToHidden.Weight.shape).gt(0.4);
        using var hh = torch.rand(layer.HiddenToHidden.Weight.shape).gt(0.4);
        layer.InputToHidden.Mask = ih;
        layer.HiddenToHidden.Mask = hh;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gru_step_and_sequence_equal_TorchSharps_GRUCell(bool masked)
    {
        torch.manual_seed(21);
        using var ours = new MaskedGruLayer(3, 4);
        MaskRandomly(ours, masked);
        using var theirs = nn.GRUCell(3, 4);
        CopyMaskedWeights(ours, ours.bias_ih, ours.bias_hh, theirs.weight_ih!, theirs.weight_hh!, theirs.bias_ih!, theirs.bias_hh!);
        using var input = torch.randn(5, 3);
        using var hidden = torch.randn(5, 4);

        using var expected = theirs.call(input, hidden);
        using var actual = ours.call(input, hidden);
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6), $"{expected.str()} vs {actual.str()}");

        using var sequence = torch.randn(6, 5, 3);
        using var states = ours.Unfold(sequence, hidden);
        var h = hidden.alias();
        for (var t = 0; t < 6; t++)
        {
            h = theirs.call(sequence[t], h);
            Assert.True(h.allclose(states[t], rtol: 1e-5, atol: 1e-6), $"step {t}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lstm_step_and_sequence_equal_TorchSharps_LSTMCell(bool masked)
    {
        torch.manual_seed(22);
        using var ours = new MaskedLstmLayer(3, 4);
        MaskRandomly(ours, masked);
        using var theirs = nn.LSTMCell(3, 4);
        CopyMaskedWeights(ours, ours.bias_ih, ours.bias_hh, theirs.weight_ih!, theirs.weight_hh!, theirs.bias_ih!, theirs.bias_hh!);
        using var input = torch.randn(5, 3);
        using var hidden = torch.randn(5, 4);
        using var cell = torch.randn(5, 4);

        var (expectedHidden, expectedCell) = theirs.call(input, (hidden, cell));
        var (actualHidden, actualCell) = ours.call(input, (hidden, cell));
        Assert.True(expectedHidden.allclose(actualHidden, rtol: 1e-5, atol: 1e-6));
        Assert.True(expectedCell.allclose(actualCell, rtol: 1e-5, atol: 1e-6));

        // deepstruct's unfold starts the cell state at the initial hidden state.
        using var sequence = torch.randn(6, 5, 3);
        using var states = ours.Unfold(sequence, hidden);
        (Tensor h, Tensor c) state = (hidden, hidden);
        for (var t = 0; t < 6; t++)
        {
            state = theirs.call(sequence[t], state);
            Assert.True(state.h.allclose(states[t], rtol: 1e-5, atol: 1e-6), $"step {t}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Elman_step_equals_TorchSharps_RNNCell(bool masked)
    {
        torch.manual_seed(23);
        using var ours = new MaskedRecurrentLayer(3, 4);
        MaskRandomly(ours, masked);
        using var theirs = nn.RNNCell(3, 4);
        CopyMaskedWeights(ours, ours.bias_ih, ours.bias_hh, theirs.weight_ih!, theirs.weight_hh!, theirs.bias_ih!, theirs.bias_hh!);
        using var input = torch.randn(5, 3);
        using var hidden = torch.randn(5, 4);
        using var expected = theirs.call(input, hidden);
        using var actual = ours.call(input, hidden);
        Assert.True(expected.allclose(actual, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_one_unit_gru_step_matches_the_equations_by_hand()
    {
        using var layer = new MaskedGruLayer(1, 1);
        using (torch.no_grad())
        {
            layer.weight_ih.copy_(torch.tensor(new float[] { 0.5f, -1f, 2f }).reshape(3, 1));
            layer.weight_hh.copy_(torch.tensor(new float[] { 1f, 0.25f, -0.5f }).reshape(3, 1));
            layer.bias_ih!.copy_(torch.tensor(new float[] { 0.1f, 0.2f, 0.3f }));
            layer.bias_hh!.copy_(torch.tensor(new float[] { -0.1f, 0f, 0.4f }));
        }

        // The update gate's input weight is masked: it takes no part.
        layer.InputToHidden.Mask = torch.tensor(new[] { true, false, true }).reshape(3, 1);
        double x = 2, h = 0.5;
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var reset = Sigmoid((0.5 * x) + 0.1 + (1 * h) - 0.1);
        var update = Sigmoid(0 + 0.2 + (0.25 * h) + 0);
        var candidate = Math.Tanh((2 * x) + 0.3 + (reset * ((-0.5 * h) + 0.4)));
        var expected = ((1 - update) * candidate) + (update * h);

        using var output = layer.call(torch.tensor(new float[] { (float)x }).reshape(1, 1), torch.tensor(new float[] { (float)h }).reshape(1, 1));
        Assert.Equal(expected, output.item<float>(), 5);
    }
}
