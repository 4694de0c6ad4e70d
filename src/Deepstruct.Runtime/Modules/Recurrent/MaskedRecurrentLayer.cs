using System;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
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
public sealed class MaskedRecurrentLayer : nn.Module<Tensor, Tensor?, Tensor>, IMaskedRecurrentLayer
{
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
    /// <param name="batchFirst">Whether <see cref="Unfold"/> takes and returns <c>[batch, sequence, features]</c>.</param>
    /// <param name="nonlinearity">The activation of the new hidden state (deepstruct's default: tanh).</param>
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or <paramref name="nonlinearity"/> is not an <see cref="Deepstruct.Activation"/>.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedRecurrentLayer(int inputSize, int hiddenSize, bool batchFirst = false, Activation nonlinearity = Activation.Tanh, bool bias = true)
        : base(nameof(MaskedRecurrentLayer))
    {
        RecurrentLayerSupport.CheckSizes(inputSize, hiddenSize, 1, nameof(MaskedRecurrentLayer));
        RecurrentLayerSupport.CheckNonlinearity(nonlinearity);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        BatchFirst = batchFirst;
        Nonlinearity = nonlinearity;
        _weightIh = RecurrentLayerSupport.UniformParameter(hiddenSize, hiddenSize, inputSize);
        _weightHh = RecurrentLayerSupport.UniformParameter(hiddenSize, hiddenSize, hiddenSize);
        if (bias)
        {
            _biasIh = RecurrentLayerSupport.UniformParameter(hiddenSize, hiddenSize);
            _biasHh = RecurrentLayerSupport.UniformParameter(hiddenSize, hiddenSize);
        }

        _maskIh = RecurrentLayerSupport.FullMask(hiddenSize, inputSize);
        _maskHh = RecurrentLayerSupport.FullMask(hiddenSize, hiddenSize);
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

    /// <summary>The activation of the new hidden state.</summary>
    public Activation Nonlinearity { get; }

    /// <summary>The input-to-hidden weight, <c>[HiddenSize, InputSize]</c> (TorchSharp's spelling); the setter checks the shape.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_ih
    {
        get => _weightIh;
        set
        {
            _weightIh = RecurrentLayerSupport.Replace(_weightIh, value, new long[] { HiddenSize, InputSize }, optional: false, "weight_ih", nameof(MaskedRecurrentLayer))!;
            ConditionallyRegisterParameter("weight_ih", _weightIh);
        }
    }

    /// <summary>The hidden-to-hidden weight, <c>[HiddenSize, HiddenSize]</c>.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_hh
    {
        get => _weightHh;
        set
        {
            _weightHh = RecurrentLayerSupport.Replace(_weightHh, value, new long[] { HiddenSize, HiddenSize }, optional: false, "weight_hh", nameof(MaskedRecurrentLayer))!;
            ConditionallyRegisterParameter("weight_hh", _weightHh);
        }
    }

    /// <summary>The input-to-hidden bias, <c>[HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_ih
    {
        get => _biasIh;
        set
        {
            _biasIh = RecurrentLayerSupport.Replace(_biasIh, value, new long[] { HiddenSize }, optional: true, "bias_ih", nameof(MaskedRecurrentLayer));
            ConditionallyRegisterParameter("bias_ih", _biasIh);
        }
    }

    /// <summary>The hidden-to-hidden bias, <c>[HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_hh
    {
        get => _biasHh;
        set
        {
            _biasHh = RecurrentLayerSupport.Replace(_biasHh, value, new long[] { HiddenSize }, optional: true, "bias_hh", nameof(MaskedRecurrentLayer));
            ConditionallyRegisterParameter("bias_hh", _biasHh);
        }
    }

    /// <inheritdoc />
    public IMaskedWeight InputToHidden => _inputToHidden;

    /// <inheritdoc />
    public IMaskedWeight HiddenToHidden => _hiddenToHidden;

    /// <summary>One step: the next hidden state, <c>[batch, HiddenSize]</c>.</summary>
    /// <param name="input">The step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="hx">The hidden state, <c>[batch, HiddenSize]</c>; zeros when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, or a dtype other than the weights'.</exception>
    public override Tensor forward(Tensor input, Tensor? hx)
    {
        RecurrentLayerSupport.CheckStepInput(input, InputSize, _weightIh.dtype, nameof(MaskedRecurrentLayer));
        RecurrentLayerSupport.CheckState(hx, input.shape[0], HiddenSize, _weightIh.dtype, nameof(hx), nameof(MaskedRecurrentLayer));
        using var scope = NewDisposeScope();
        var hidden = hx ?? zeros(input.shape[0], HiddenSize, dtype: input.dtype, device: input.device);
        var inputGates = RecurrentLayerSupport.InputGates(input, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        return Step(inputGates, hidden, hiddenWeight).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor Unfold(Tensor input, Tensor? initialHidden = null)
    {
        using var scope = NewDisposeScope();
        var sequence = RecurrentLayerSupport.TimeMajor(input, InputSize, _weightIh.dtype, BatchFirst, nameof(MaskedRecurrentLayer));
        var batch = sequence.shape[1];
        RecurrentLayerSupport.CheckState(initialHidden, batch, HiddenSize, _weightIh.dtype, nameof(initialHidden), nameof(MaskedRecurrentLayer));
        var inputGates = RecurrentLayerSupport.InputGates(sequence, _weightIh, _maskIh, _biasIh);
        var hiddenWeight = _weightHh.mul(_maskHh);
        var hidden = initialHidden ?? zeros(batch, HiddenSize, dtype: input.dtype, device: input.device);
        var steps = new Tensor[sequence.shape[0]];
        for (var t = 0; t < steps.Length; t++)
        {
            hidden = steps[t] = Step(inputGates[t], hidden, hiddenWeight);
        }

        return RecurrentLayerSupport.StackSteps(steps, BatchFirst).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"MaskedRecurrentLayer(in_features={InputSize}, out_features={HiddenSize}, nonlinearity={Nonlinearity}, batch_first={BatchFirst})";

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

    private Tensor Step(Tensor inputGates, Tensor hidden, Tensor hiddenWeight)
    {
        var hiddenGates = nn.functional.linear(hidden, hiddenWeight, _biasHh);
        return ActivationFunctions.Apply(Nonlinearity, inputGates.add(hiddenGates));
    }
}
