using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A long short-term memory layer with masked weights (deepstruct's <c>MaskedLSTMLayer</c>, PyTorch's
/// LSTM equations): with the input, forget, cell and output gates stacked in that order in
/// <c>weight_ih</c> and <c>weight_hh</c> (<c>[4·HiddenSize, …]</c>) and <c>g = x·(W_ih ⊙ M_ih)ᵀ + b_ih +
/// h·(W_hh ⊙ M_hh)ᵀ + b_hh</c>: <c>c′ = σ(g_f) ⊙ c + σ(g_i) ⊙ tanh(g_c)</c>, <c>h′ = σ(g_o) ⊙ tanh(c′)</c>.
/// </summary>
/// <remarks>
/// Calling the module computes one step, <c>(input [batch, InputSize], (h, c) [batch, HiddenSize] each, or null
/// for zeros) → (h′, c′)</c>, like TorchSharp's <c>LSTMCell</c>, whose parameter names it shares; the masks are
/// persistent bool buffers <c>mask_ih</c> and <c>mask_hh</c>. <see cref="Unfold(Tensor, Tensor?)"/> runs a whole sequence.
/// </remarks>
public sealed class MaskedLstmLayer : MaskedRecurrentLayerBase<(Tensor, Tensor)?, (Tensor, Tensor)>
{
    private static readonly int GateCount = RecurrentCell.Lstm.GateCount();

    /// <summary>Creates the layer with every weight present, drawn from U(−1/√hiddenSize, 1/√hiddenSize).</summary>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="batchFirst">Whether <see cref="Unfold(Tensor, Tensor?)"/> takes and returns <c>[batch, sequence, features]</c>.</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedLstmLayer(int inputSize, int hiddenSize, bool batchFirst = false, bool bias = true)
        : base(nameof(MaskedLstmLayer), inputSize, hiddenSize, GateCount, batchFirst, bias)
    {
    }

    /// <summary>One step: the next hidden and cell states, <c>[batch, HiddenSize]</c> each.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="state">The hidden and cell states, <c>[batch, HiddenSize]</c> each; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public override (Tensor, Tensor) forward(Tensor input, (Tensor, Tensor)? state)
    {
        var (hidden, cell) = StepOnce(input, state?.Item1, "state.hidden", state?.Item2, "state.cell");
        return (hidden, cell!);
    }

    /// <inheritdoc />
    /// <remarks>The cell state starts as <paramref name="initialHidden"/> (zeros when <see langword="null"/>), as deepstruct's <c>unfold</c> does.</remarks>
    public override Tensor Unfold(Tensor input, Tensor? initialHidden = null) => Unfold(input, initialHidden, initialHidden);

    /// <summary>Runs the layer over a whole sequence from the given hidden and cell states and returns the hidden state of every step.</summary>
    /// <param name="input">The sequence, <c>[sequence, batch, InputSize]</c> or, batch first, <c>[batch, sequence, InputSize]</c>.</param>
    /// <param name="initialHidden">The hidden state before the first step, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <param name="initialCell">The cell state before the first step, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public Tensor Unfold(Tensor input, Tensor? initialHidden, Tensor? initialCell) =>
        UnfoldSequence(input, initialHidden, nameof(initialHidden), initialCell, nameof(initialCell));

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedLstmLayer(in_features={InputSize}, out_features={HiddenSize}, batch_first={BatchFirst})";

    private protected override (Tensor Hidden, Tensor? Cell) Step(Tensor inputGates, Tensor hidden, Tensor? cell, Tensor hiddenWeight)
    {
        var gates = inputGates.add(HiddenGates(hidden, hiddenWeight)).chunk(GateCount, 1);
        var nextCell = gates[1].sigmoid().mul(cell!).add(gates[0].sigmoid().mul(gates[2].tanh()));
        return (gates[3].sigmoid().mul(nextCell.tanh()), nextCell);
    }
}
