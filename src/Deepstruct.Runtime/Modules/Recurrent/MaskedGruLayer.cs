using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A gated recurrent unit with masked weights (deepstruct's <c>MaskedGRULayer</c>, PyTorch's GRU
/// equations): with the reset, update and new gates stacked in that order in <c>weight_ih</c> and
/// <c>weight_hh</c> (<c>[3·HiddenSize, …]</c>), <c>r = σ(i_r + h_r)</c>, <c>z = σ(i_z + h_z)</c>,
/// <c>n = tanh(i_n + r ⊙ h_n)</c>, <c>h′ = n + z ⊙ (h − n)</c>, where <c>i = x·(W_ih ⊙ M_ih)ᵀ + b_ih</c> and
/// <c>h_· = h·(W_hh ⊙ M_hh)ᵀ + b_hh</c>.
/// </summary>
/// <remarks>
/// Calling the module computes one step, <c>(input [batch, InputSize], hx [batch, HiddenSize] or null
/// for zeros) → h′</c>, like TorchSharp's <c>GRUCell</c>, whose parameter names it shares; the masks are
/// persistent bool buffers <c>mask_ih</c> and <c>mask_hh</c>. <see cref="Unfold"/> runs a whole sequence.
/// </remarks>
public sealed class MaskedGruLayer : MaskedRecurrentLayerBase<Tensor?, Tensor>
{
    private static readonly int GateCount = RecurrentCell.Gru.GateCount();

    /// <summary>Creates the layer with every weight present, drawn from U(−1/√hiddenSize, 1/√hiddenSize).</summary>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="batchFirst">Whether <see cref="Unfold"/> takes and returns <c>[batch, sequence, features]</c>.</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedGruLayer(int inputSize, int hiddenSize, bool batchFirst = false, bool bias = true)
        : base(nameof(MaskedGruLayer), inputSize, hiddenSize, GateCount, batchFirst, bias)
    {
    }

    /// <summary>One step: the next hidden state, <c>[batch, HiddenSize]</c>.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="hx">The hidden state, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public override Tensor forward(Tensor input, Tensor? hx) => StepOnce(input, hx, nameof(hx)).Hidden;

    /// <inheritdoc />
    public override Tensor Unfold(Tensor input, Tensor? initialHidden = null) => UnfoldSequence(input, initialHidden, nameof(initialHidden));

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedGruLayer(in_features={InputSize}, out_features={HiddenSize}, batch_first={BatchFirst})";

    private protected override (Tensor Hidden, Tensor? Cell) Step(Tensor inputGates, Tensor hidden, Tensor? cell, Tensor hiddenWeight)
    {
        var fromInput = inputGates.chunk(GateCount, 1);
        var fromHidden = HiddenGates(hidden, hiddenWeight).chunk(GateCount, 1);
        var reset = fromInput[0].add(fromHidden[0]).sigmoid();
        var update = fromInput[1].add(fromHidden[1]).sigmoid();
        var candidate = fromInput[2].add(reset.mul(fromHidden[2])).tanh();
        return (candidate.add(update.mul(hidden.sub(candidate))), null);
    }
}
