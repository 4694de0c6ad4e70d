using System;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
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
public sealed class MaskedLstmLayer : nn.Module<Tensor, (Tensor, Tensor)?, (Tensor, Tensor)>, IMaskedRecurrentLayer
{
    private const int GateCount = 4;

    [ComponentName(Name = "weight_ih")]
    private Parameter _weightIh;

    [ComponentName(Name = "weight_hh")]
    private Parameter _weightHh;

    [ComponentName(Name = "bias_ih")]
    private Parameter? _biasIh;

    [ComponentName(Name = "bias_hh")]
    private Parameter? _biasHh;

    [ComponentName(Name = "mask_ih")]
    private Tensor _maskIh;

    [ComponentName(Name = "mask_hh")]
    private Tensor _maskHh;

    private readonly MaskedRecurrentWeight _inputToHidden;
    private readonly MaskedRecurrentWeight _hiddenToHidden;

    /// <summary>Creates the layer with every weight present, drawn from U(−1/√hiddenSize, 1/√hiddenSize).</summary>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="batchFirst">Whether <see cref="Unfold(Tensor, Tensor?)"/> takes and returns <c>[batch, sequence, features]</c>.</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedLstmLayer(int inputSize, int hiddenSize, bool batchFirst = false, bool bias = true)
        : base(nameof(MaskedLstmLayer))
    {
        RecurrentLayerSupport.CheckSizes(inputSize, hiddenSize, GateCount, nameof(MaskedLstmLayer));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        BatchFirst = batchFirst;
        _weightIh = RecurrentLayerSupport.UniformParameter(hiddenSize, GateCount * hiddenSize, inputSize);
        _weightHh = RecurrentLayerSupport.UniformParameter(hiddenSize, GateCount * hiddenSize, hiddenSize);
        if (bias)
        {
            _biasIh = RecurrentLayerSupport.UniformParameter(hiddenSize, GateCount * hiddenSize);
            _biasHh = RecurrentLayerSupport.UniformParameter(hiddenSize, GateCount * hiddenSize);
        }

        _maskIh = RecurrentLayerSupport.FullMask(GateCount * hiddenSize, inputSize);
        _maskHh = RecurrentLayerSupport.FullMask(GateCount * hiddenSize, hiddenSize);
        _inputToHidden = new MaskedRecurrentWeight(() => _weightIh, () => _maskIh, "weight_ih");
        _hiddenToHidden = new MaskedRecurrentWeight(() => _weightHh, () => _maskHh, "weight_hh");
        RegisterComponents();
    }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int HiddenSize { get; }

    /// <inheritdoc />
    public bool BatchFirst { get; }

    /// <summary>The input-to-hidden weight, <c>[4·HiddenSize, InputSize]</c> (TorchSharp's spelling); the setter checks the shape.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_ih
    {
        get => _weightIh;
        set
        {
            _weightIh = RecurrentLayerSupport.Replace(_weightIh, value, new long[] { GateCount * HiddenSize, InputSize }, optional: false, "weight_ih", nameof(MaskedLstmLayer))!;
            ConditionallyRegisterParameter("weight_ih", _weightIh);
        }
    }

    /// <summary>The hidden-to-hidden weight, <c>[4·HiddenSize, HiddenSize]</c>.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_hh
    {
        get => _weightHh;
        set
        {
            _weightHh = RecurrentLayerSupport.Replace(_weightHh, value, new long[] { GateCount * HiddenSize, HiddenSize }, optional: false, "weight_hh", nameof(MaskedLstmLayer))!;
            ConditionallyRegisterParameter("weight_hh", _weightHh);
        }
    }

    /// <summary>The input-to-hidden bias, <c>[4·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_ih
    {
        get => _biasIh;
        set
        {
            _biasIh = RecurrentLayerSupport.Replace(_biasIh, value, new long[] { GateCount * HiddenSize }, optional: true, "bias_ih", nameof(MaskedLstmLayer));
            ConditionallyRegisterParameter("bias_ih", _biasIh);
        }
    }

    /// <summary>The hidden-to-hidden bias, <c>[4·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_hh
    {
        get => _biasHh;
        set
        {
            _biasHh = RecurrentLayerSupport.Replace(_biasHh, value, new long[] { GateCount * HiddenSize }, optional: true, "bias_hh", nameof(MaskedLstmLayer));
            ConditionallyRegisterParameter("bias_hh", _biasHh);
        }
    }

    /// <inheritdoc />
    public IMaskedWeight InputToHidden => _inputToHidden;

    /// <inheritdoc />
    public IMaskedWeight HiddenToHidden => _hiddenToHidden;

    /// <summary>One step: the next hidden and cell states, <c>[batch, HiddenSize]</c> each.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="state">The hidden and cell states, <c>[batch, HiddenSize]</c> each; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public override (Tensor, Tensor) forward(Tensor input, (Tensor, Tensor)? state)
    {
        RecurrentLayerSupport.CheckStepInput(input, InputSize, _weightIh.dtype, nameof(MaskedLstmLayer));
        var batch = input.shape[0];
        RecurrentLayerSupport.CheckState(state?.Item1, batch, HiddenSize, _weightIh.dtype, "state.hidden", nameof(MaskedLstmLayer));
        RecurrentLayerSupport.CheckState(state?.Item2, batch, HiddenSize, _weightIh.dtype, "state.cell", nameof(MaskedLstmLayer));
        using var scope = NewDisposeScope();
        var (hidden, cell) = state ?? (zeros(batch, HiddenSize, dtype: input.dtype, device: input.device), zeros(batch, HiddenSize, dtype: input.dtype, device: input.device));
        var inputGates = RecurrentLayerSupport.InputGates(input, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        var (nextHidden, nextCell) = Step(inputGates, hidden, cell, hiddenWeight);
        return (nextHidden.MoveToOuterDisposeScope(), nextCell.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    /// <remarks>The cell state starts as <paramref name="initialHidden"/> (zeros when <see langword="null"/>), as deepstruct's <c>unfold</c> does.</remarks>
    public Tensor Unfold(Tensor input, Tensor? initialHidden = null) => Unfold(input, initialHidden, initialHidden);

    /// <summary>Runs the layer over a whole sequence from the given hidden and cell states and returns the hidden state of every step.</summary>
    /// <param name="input">The sequence, <c>[sequence, batch, InputSize]</c> or, batch first, <c>[batch, sequence, InputSize]</c>.</param>
    /// <param name="initialHidden">The hidden state before the first step, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <param name="initialCell">The cell state before the first step, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public Tensor Unfold(Tensor input, Tensor? initialHidden, Tensor? initialCell)
    {
        using var scope = NewDisposeScope();
        var sequence = RecurrentLayerSupport.TimeMajor(input, InputSize, _weightIh.dtype, BatchFirst, nameof(MaskedLstmLayer));
        var batch = sequence.shape[1];
        RecurrentLayerSupport.CheckState(initialHidden, batch, HiddenSize, _weightIh.dtype, nameof(initialHidden), nameof(MaskedLstmLayer));
        RecurrentLayerSupport.CheckState(initialCell, batch, HiddenSize, _weightIh.dtype, nameof(initialCell), nameof(MaskedLstmLayer));
        var inputGates = RecurrentLayerSupport.InputGates(sequence, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        var hidden = initialHidden ?? zeros(batch, HiddenSize, dtype: input.dtype, device: input.device);
        var cell = initialCell ?? zeros(batch, HiddenSize, dtype: input.dtype, device: input.device);
        var steps = new Tensor[sequence.shape[0]];
        for (var t = 0; t < steps.Length; t++)
        {
            (hidden, cell) = Step(inputGates[t], hidden, cell, hiddenWeight);
            steps[t] = hidden;
        }

        return RecurrentLayerSupport.StackSteps(steps, BatchFirst).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedLstmLayer(in_features={InputSize}, out_features={HiddenSize}, batch_first={BatchFirst})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inputToHidden.Dispose();
            _hiddenToHidden.Dispose();
        }

        base.Dispose(disposing);
    }

    private (Tensor Hidden, Tensor Cell) Step(Tensor inputGates, Tensor hidden, Tensor cell, Tensor hiddenWeight)
    {
        var gates = inputGates.add(nn.functional.linear(hidden, hiddenWeight, _biasHh)).chunk(GateCount, 1);
        var nextCell = gates[1].sigmoid().mul(cell).add(gates[0].sigmoid().mul(gates[2].tanh()));
        return (gates[3].sigmoid().mul(nextCell.tanh()), nextCell);
    }
}
