using System;
using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
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
public sealed class MaskedGruLayer : nn.Module<Tensor, Tensor?, Tensor>, IMaskedRecurrentLayer
{
    private const int GateCount = 3;

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
    /// <param name="bias">Whether the layer has the biases <c>bias_ih</c> and <c>bias_hh</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">A weight would have more entries than <see cref="WeightLimits.MaximumWeightsPerTensor"/>.</exception>
    public MaskedGruLayer(int inputSize, int hiddenSize, bool batchFirst = false, bool bias = true)
        : base(nameof(MaskedGruLayer))
    {
        RecurrentLayerSupport.CheckSizes(inputSize, hiddenSize, GateCount, nameof(MaskedGruLayer));
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

    /// <summary>The input-to-hidden weight, <c>[3·HiddenSize, InputSize]</c> (TorchSharp's spelling); the setter checks the shape.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_ih
    {
        get => _weightIh;
        set
        {
            _weightIh = RecurrentLayerSupport.Replace(_weightIh, value, new long[] { GateCount * HiddenSize, InputSize }, optional: false, "weight_ih", nameof(MaskedGruLayer))!;
            ConditionallyRegisterParameter("weight_ih", _weightIh);
        }
    }

    /// <summary>The hidden-to-hidden weight, <c>[3·HiddenSize, HiddenSize]</c>.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter weight_hh
    {
        get => _weightHh;
        set
        {
            _weightHh = RecurrentLayerSupport.Replace(_weightHh, value, new long[] { GateCount * HiddenSize, HiddenSize }, optional: false, "weight_hh", nameof(MaskedGruLayer))!;
            ConditionallyRegisterParameter("weight_hh", _weightHh);
        }
    }

    /// <summary>The input-to-hidden bias, <c>[3·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_ih
    {
        get => _biasIh;
        set
        {
            _biasIh = RecurrentLayerSupport.Replace(_biasIh, value, new long[] { GateCount * HiddenSize }, optional: true, "bias_ih", nameof(MaskedGruLayer));
            ConditionallyRegisterParameter("bias_ih", _biasIh);
        }
    }

    /// <summary>The hidden-to-hidden bias, <c>[3·HiddenSize]</c>, or <see langword="null"/> without biases.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "TorchSharp's spelling, as on its recurrent cells.")]
    public Parameter? bias_hh
    {
        get => _biasHh;
        set
        {
            _biasHh = RecurrentLayerSupport.Replace(_biasHh, value, new long[] { GateCount * HiddenSize }, optional: true, "bias_hh", nameof(MaskedGruLayer));
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
        RecurrentLayerSupport.CheckStepInput(input, InputSize, _weightIh.dtype, nameof(MaskedGruLayer));
        RecurrentLayerSupport.CheckState(hx, input.shape[0], HiddenSize, _weightIh.dtype, nameof(hx), nameof(MaskedGruLayer));
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
        var sequence = RecurrentLayerSupport.TimeMajor(input, InputSize, _weightIh.dtype, BatchFirst, nameof(MaskedGruLayer));
        var batch = sequence.shape[1];
        RecurrentLayerSupport.CheckState(initialHidden, batch, HiddenSize, _weightIh.dtype, nameof(initialHidden), nameof(MaskedGruLayer));
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
        $"MaskedGruLayer(in_features={InputSize}, out_features={HiddenSize}, batch_first={BatchFirst})";

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
        var fromInput = inputGates.chunk(GateCount, 1);
        var fromHidden = hiddenGates.chunk(GateCount, 1);
        var reset = fromInput[0].add(fromHidden[0]).sigmoid();
        var update = fromInput[1].add(fromHidden[1]).sigmoid();
        var candidate = fromInput[2].add(reset.mul(fromHidden[2])).tanh();
        return candidate.add(update.mul(hidden.sub(candidate)));
    }
}
