using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// An Elman RNN layer with masked weights (deepstruct's <c>MaskedRecurrentLayer</c>):
/// <c>h′ = act(x·(W_ih ⊙ M_ih)ᵀ + b_ih + h·(W_hh ⊙ M_hh)ᵀ + b_hh)</c>.
/// </summary>
/// <remarks>
/// Calling the module computes one step, <c>(input [batch, InputSize], hx [batch, HiddenSize] or null
/// for zeros) → h′</c>, like TorchSharp's <c>RNNCell</c>, whose parameter names it shares; the masks are
/// persistent bool buffers <c>mask_ih</c> and <c>mask_hh</c>. <see cref="Unfold"/> runs a whole sequence.
/// </remarks>
public sealed class MaskedRecurrentLayer : MaskedRecurrentLayerBase<Tensor?, Tensor>
{
    private static readonly int GateCount = RecurrentCell.Rnn.GateCount();

    /// <summary>Creates the layer with every weight present, drawn from U(−1/√hiddenSize, 1/√hiddenSize).</summary>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="batchFirst">Whether <see cref="Unfold"/> takes and returns <c>[batch, sequence, features]</c>.</param>
    /// <param name="nonlinearity">The activation of the new hidden state (deepstruct's default: tanh).</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or <paramref name="nonlinearity"/> is not an <see cref="Deepstruct.Activation"/>.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedRecurrentLayer(int inputSize, int hiddenSize, bool batchFirst = false, Activation nonlinearity = Activation.Tanh, bool bias = true)
        : base(CheckArguments(inputSize, hiddenSize, nonlinearity), inputSize, hiddenSize, GateCount, batchFirst, bias)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The activation of the new hidden state.</summary>
    public Activation Nonlinearity { get; }

    /// <summary>One step: the next hidden state, <c>[batch, HiddenSize]</c>.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="hx">The hidden state, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public override Tensor forward(Tensor input, Tensor? hx) => StepOnce(input, hx, nameof(hx)).Hidden;

    /// <inheritdoc />
    public override Tensor Unfold(Tensor input, Tensor? initialHidden = null) => UnfoldSequence(input, initialHidden, nameof(initialHidden));

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedRecurrentLayer(in_features={InputSize}, out_features={HiddenSize}, nonlinearity={Nonlinearity}, batch_first={BatchFirst})";

    private protected override (Tensor Hidden, Tensor? Cell) Step(Tensor inputGates, Tensor hidden, Tensor? cell, Tensor hiddenWeight) =>
        (ActivationFunctions.Apply(Nonlinearity, inputGates.add(HiddenGates(hidden, hiddenWeight))), null);

    // Checked before the base allocates any weight, in the order of the other layers' checks.
    private static string CheckArguments(int inputSize, int hiddenSize, Activation nonlinearity)
    {
        RecurrentLayerSupport.CheckSizes(inputSize, hiddenSize, GateCount, nameof(MaskedRecurrentLayer));
        RecurrentLayerSupport.CheckNonlinearity(nonlinearity);
        return nameof(MaskedRecurrentLayer);
    }
}
