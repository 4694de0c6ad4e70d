using System;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What the masked recurrent layers (<see cref="MaskedRecurrentLayer"/>, <see cref="MaskedGruLayer"/>,
/// <see cref="MaskedLstmLayer"/>) share: the weights <c>weight_ih</c> <c>[gates·HiddenSize, InputSize]</c> and
/// <c>weight_hh</c> <c>[gates·HiddenSize, HiddenSize]</c> with all gates stacked, the biases <c>bias_ih</c> and
/// <c>bias_hh</c> <c>[gates·HiddenSize]</c> (TorchSharp's cell names), the persistent bool masks
/// <c>mask_ih</c> and <c>mask_hh</c>, and running a step or a sequence. A layer adds its gate count and cell step.
/// </summary>
/// <typeparam name="TState">What a step starts from (<see langword="null"/> for zeros).</typeparam>
/// <typeparam name="TResult">What a step returns.</typeparam>
/// <remarks>Only the layers of this library derive from it.</remarks>
public abstract class MaskedRecurrentLayerBase<TState, TResult> : nn.Module<Tensor, TState, TResult>, IMaskedRecurrentLayer
{
    // TorchSharp's RegisterComponents and to() read the fields of base classes too (private ones
    // included), so the names below are the layers' state_dict names.
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
    private readonly string _layer;
    private readonly long _rows;

    /// <summary>Creates the layer's tensors, every weight present, drawn from U(−1/√hiddenSize, 1/√hiddenSize).</summary>
    /// <param name="layer">The layer's name, as its messages give it.</param>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="gateCount">The gates stacked in each weight.</param>
    /// <param name="batchFirst">Whether sequences are <c>[batch, sequence, features]</c>.</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    private protected MaskedRecurrentLayerBase(string layer, int inputSize, int hiddenSize, int gateCount, bool batchFirst, bool bias)
        : base(layer)
    {
        RecurrentLayerSupport.CheckSizes(inputSize, hiddenSize, gateCount, layer);
        _layer = layer;
        _rows = (long)gateCount * hiddenSize;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        BatchFirst = batchFirst;
        _weightIh = RecurrentLayerSupport.UniformParameter(hiddenSize, _rows, inputSize);
        _weightHh = RecurrentLayerSupport.UniformParameter(hiddenSize, _rows, hiddenSize);
        if (bias)
        {
            _biasIh = RecurrentLayerSupport.UniformParameter(hiddenSize, _rows);
            _biasHh = RecurrentLayerSupport.UniformParameter(hiddenSize, _rows);
        }

        _maskIh = RecurrentLayerSupport.FullMask(_rows, inputSize);
        _maskHh = RecurrentLayerSupport.FullMask(_rows, hiddenSize);
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

    /// <summary>The input-to-hidden weight, <c>[gates·HiddenSize, InputSize]</c> (TorchSharp's spelling); the setter checks the shape.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_ih
    {
        get => _weightIh;
        set => _weightIh = Replace(_weightIh, value, new[] { _rows, InputSize }, optional: false, "weight_ih")!;
    }

    /// <summary>The hidden-to-hidden weight, <c>[gates·HiddenSize, HiddenSize]</c>.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_hh
    {
        get => _weightHh;
        set => _weightHh = Replace(_weightHh, value, new[] { _rows, HiddenSize }, optional: false, "weight_hh")!;
    }

    /// <summary>The input-to-hidden bias, <c>[gates·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_ih
    {
        get => _biasIh;
        set => _biasIh = Replace(_biasIh, value, new[] { _rows }, optional: true, "bias_ih");
    }

    /// <summary>The hidden-to-hidden bias, <c>[gates·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_hh
    {
        get => _biasHh;
        set => _biasHh = Replace(_biasHh, value, new[] { _rows }, optional: true, "bias_hh");
    }

    /// <inheritdoc />
    public IMaskedWeight InputToHidden => _inputToHidden;

    /// <inheritdoc />
    public IMaskedWeight HiddenToHidden => _hiddenToHidden;

    /// <inheritdoc />
    public abstract Tensor Unfold(Tensor input, Tensor? initialHidden = null);

    /// <summary>The layer's cell: the next state from the input's pre-activations of one step and the current state.</summary>
    /// <param name="inputGates">The input-to-hidden pre-activations, <c>x·(W_ih ⊙ M_ih)ᵀ + b_ih</c>, <c>[batch, gates·HiddenSize]</c>.</param>
    /// <param name="hidden">The hidden state, <c>[batch, HiddenSize]</c>.</param>
    /// <param name="cell">The cell state of a layer that has one, else <see langword="null"/>.</param>
    /// <param name="hiddenWeight">The masked hidden-to-hidden weight, for <see cref="HiddenGates"/>.</param>
    private protected abstract (Tensor Hidden, Tensor? Cell) Step(Tensor inputGates, Tensor hidden, Tensor? cell, Tensor hiddenWeight);

    /// <summary>The hidden-to-hidden pre-activations, <c>h·(W_hh ⊙ M_hh)ᵀ + b_hh</c>.</summary>
    private protected Tensor HiddenGates(Tensor hidden, Tensor hiddenWeight) => nn.functional.linear(hidden, hiddenWeight, _biasHh);

    /// <summary>Checks one step's input and state and runs <see cref="Step"/> once, from zeros where a state is <see langword="null"/>.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="hidden">The hidden state, or <see langword="null"/> for zeros.</param>
    /// <param name="hiddenName">The hidden state's name in messages.</param>
    /// <param name="cell">The cell state, or <see langword="null"/> for zeros.</param>
    /// <param name="cellName">The cell state's name in messages; <see langword="null"/> for a layer without one.</param>
    private protected (Tensor Hidden, Tensor? Cell) StepOnce(Tensor input, Tensor? hidden, string hiddenName, Tensor? cell = null, string? cellName = null)
    {
        RecurrentLayerSupport.CheckStepInput(input, InputSize, _weightIh.dtype, _layer);
        var batch = input.shape[0];
        CheckStates(batch, hidden, hiddenName, cell, cellName);
        using var scope = NewDisposeScope();
        var (startHidden, startCell) = StartStates(batch, input, hidden, cell, cellName);
        var inputGates = RecurrentLayerSupport.InputGates(input, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        var (nextHidden, nextCell) = Step(inputGates, startHidden, startCell, hiddenWeight);
        return (nextHidden.MoveToOuterDisposeScope(), nextCell?.MoveToOuterDisposeScope());
    }

    /// <summary>Checks a sequence and the states and runs <see cref="Step"/> over every step; returns the hidden state of each.</summary>
    /// <param name="input">The sequence, in the layout of <see cref="BatchFirst"/>.</param>
    /// <param name="initialHidden">The hidden state before the first step, or <see langword="null"/> for zeros.</param>
    /// <param name="hiddenName">The hidden state's name in messages.</param>
    /// <param name="initialCell">The cell state before the first step, or <see langword="null"/> for zeros.</param>
    /// <param name="cellName">The cell state's name in messages; <see langword="null"/> for a layer without one.</param>
    private protected Tensor UnfoldSequence(Tensor input, Tensor? initialHidden, string hiddenName, Tensor? initialCell = null, string? cellName = null)
    {
        using var scope = NewDisposeScope();
        var sequence = RecurrentLayerSupport.TimeMajor(input, InputSize, _weightIh.dtype, BatchFirst, _layer);
        var batch = sequence.shape[1];
        CheckStates(batch, initialHidden, hiddenName, initialCell, cellName);

        // One matrix product for every step's input, one masked hidden weight for all steps.
        var inputGates = RecurrentLayerSupport.InputGates(sequence, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        var (hidden, cell) = StartStates(batch, input, initialHidden, initialCell, cellName);
        var steps = new Tensor[sequence.shape[0]];
        for (var t = 0; t < steps.Length; t++)
        {
            (hidden, cell) = Step(inputGates[t], hidden, cell, hiddenWeight);
            steps[t] = hidden;
        }

        return RecurrentLayerSupport.StackSteps(steps, BatchFirst).MoveToOuterDisposeScope();
    }

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

    // RecurrentLayerSupport.Replace's result, registered under the parameter's name.
    private Parameter? Replace(Parameter? current, Parameter? value, long[] shape, bool optional, string name)
    {
        var replaced = RecurrentLayerSupport.Replace(current, value, shape, optional, name, _layer);
        ConditionallyRegisterParameter(name, replaced);
        return replaced;
    }

    private void CheckStates(long batch, Tensor? hidden, string hiddenName, Tensor? cell, string? cellName)
    {
        RecurrentLayerSupport.CheckState(hidden, batch, HiddenSize, _weightIh.dtype, hiddenName, _layer);
        if (cellName is not null)
        {
            RecurrentLayerSupport.CheckState(cell, batch, HiddenSize, _weightIh.dtype, cellName, _layer);
        }
    }

    private (Tensor Hidden, Tensor? Cell) StartStates(long batch, Tensor input, Tensor? hidden, Tensor? cell, string? cellName) =>
        (hidden ?? Zeros(batch, input), cellName is null ? null : cell ?? Zeros(batch, input));

    private Tensor Zeros(long batch, Tensor input) => zeros(batch, HiddenSize, dtype: input.dtype, device: input.device);
}
