using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A stack of masked recurrent layers (deepstruct's <c>MaskedDeepRNN</c>): each layer runs over the
/// whole sequence from a zero state and feeds its hidden states to the next; the model returns the
/// last layer's hidden state after the last step, <c>[batch, hidden[^1]]</c>.
/// </summary>
/// <remarks>
/// Layers are registered as <c>layers.{i}</c>, each with its parameters (<c>weight_ih</c>, <c>weight_hh</c>,
/// <c>bias_ih</c>, <c>bias_hh</c>) and persistent bool masks (<c>mask_ih</c>, <c>mask_hh</c>).
/// </remarks>
public class MaskedDeepRnn : MaskableModule
{
    [ComponentName(Name = "layers")]
    private readonly ModuleList<nn.Module> _layers = new();

    private readonly IMaskedRecurrentLayer[] _recurrentLayers;
    private readonly int[] _hidden;

    /// <summary>Creates the stack.</summary>
    /// <param name="inputSize">Features of the input at each step.</param>
    /// <param name="hidden">The hidden size of each layer, from the input on; at least one.</param>
    /// <param name="cell">The kind of layer: Elman RNN, GRU or LSTM.</param>
    /// <param name="batchFirst">Whether inputs are <c>[batch, sequence, features]</c> rather than <c>[sequence, batch, features]</c>.</param>
    /// <param name="nonlinearity">The activation of Elman layers (deepstruct's default: tanh); GRU and LSTM layers have their own.</param>
    /// <exception cref="ArgumentException">A size is below 1, <paramref name="hidden"/> is empty, or an enum value is undefined.</exception>
    public MaskedDeepRnn(int inputSize, int[] hidden, RecurrentCell cell = RecurrentCell.Rnn, bool batchFirst = false, Activation nonlinearity = Activation.Tanh)
        : base(nameof(MaskedDeepRnn))
    {
        if (inputSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"inputSize must be at least 1, but was {inputSize}.");
        }

        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.Length == 0)
        {
            throw new ArgumentException("hidden must name at least one layer size, but is empty.", nameof(hidden));
        }

        for (var i = 0; i < hidden.Length; i++)
        {
            if (hidden[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"Every hidden size must be at least 1, but hidden[{i}] = {hidden[i]}.");
            }
        }

        if (!Enum.IsDefined(cell))
        {
            throw new ArgumentOutOfRangeException(nameof(cell), cell, $"cell = {cell} is not a RecurrentCell.");
        }

        RecurrentLayerSupport.CheckNonlinearity(nonlinearity);
        InputSize = inputSize;
        Cell = cell;
        BatchFirst = batchFirst;
        Nonlinearity = nonlinearity;
        _hidden = (int[])hidden.Clone();
        _recurrentLayers = new IMaskedRecurrentLayer[_hidden.Length];
        var previous = inputSize;
        for (var i = 0; i < _hidden.Length; i++)
        {
            nn.Module layer = cell switch
            {
                RecurrentCell.Gru => new MaskedGruLayer(previous, _hidden[i], batchFirst),
                RecurrentCell.Lstm => new MaskedLstmLayer(previous, _hidden[i], batchFirst),
                _ => new MaskedRecurrentLayer(previous, _hidden[i], batchFirst, nonlinearity),
            };
            _layers.Add(layer);
            _recurrentLayers[i] = (IMaskedRecurrentLayer)layer;
            previous = _hidden[i];
        }

        RegisterComponents();
    }

    /// <summary>Features of the input at each step.</summary>
    public int InputSize { get; }

    /// <summary>Features of the output: the last layer's hidden size.</summary>
    public int OutputSize => _hidden[^1];

    /// <summary>The hidden size of each layer.</summary>
    public IReadOnlyList<int> HiddenSizes => _hidden;

    /// <summary>The kind of layer.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>Whether inputs are <c>[batch, sequence, features]</c>.</summary>
    public bool BatchFirst { get; }

    /// <summary>The activation of Elman layers.</summary>
    public Activation Nonlinearity { get; }

    /// <summary>The layers, from the input on.</summary>
    public IReadOnlyList<IMaskedRecurrentLayer> Layers => _recurrentLayers;

    /// <summary>For each layer from the input on: its input-to-hidden weight, then its hidden-to-hidden weight.</summary>
    public override IEnumerable<IMaskedWeight> MaskableLayers()
    {
        foreach (var layer in _recurrentLayers)
        {
            yield return layer.InputToHidden;
            yield return layer.HiddenToHidden;
        }
    }

    /// <summary>
    /// deepstruct's <c>apply_mask(threshold, i2h, h2h)</c>: in the chosen kinds of weight of every layer,
    /// masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others; other
    /// masks stay as they are. Choosing neither changes nothing.
    /// </summary>
    /// <param name="theta">The magnitude below which a weight is masked.</param>
    /// <param name="inputToHidden">Whether to recompute the input-to-hidden masks.</param>
    /// <param name="hiddenToHidden">Whether to recompute the hidden-to-hidden masks.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public void RecomputeMask(double theta, bool inputToHidden, bool hiddenToHidden)
    {
        MaskAssignment.CheckTheta(theta);
        foreach (var layer in _recurrentLayers)
        {
            if (inputToHidden)
            {
                layer.InputToHidden.RecomputeMask(theta);
            }

            if (hiddenToHidden)
            {
                layer.HiddenToHidden.RecomputeMask(theta);
            }
        }
    }

    /// <summary>The last layer's hidden state after the last step, <c>[batch, OutputSize]</c>.</summary>
    /// <param name="input">The sequence, <c>[sequence, batch, InputSize]</c> or, batch first, <c>[batch, sequence, InputSize]</c>.</param>
    /// <exception cref="ArgumentException">The input has the wrong shape or a dtype other than the weights'.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var states = Unfold(input);
        var last = BatchFirst ? states[.., -1, ..] : states[-1];
        return last.MoveToOuterDisposeScope();
    }

    /// <summary>The last layer's hidden state at every step, in the input's layout (<c>[sequence, batch, OutputSize]</c> or batch first).</summary>
    /// <param name="input">The sequence, <c>[sequence, batch, InputSize]</c> or, batch first, <c>[batch, sequence, InputSize]</c>.</param>
    /// <exception cref="ArgumentException">The input has the wrong shape or a dtype other than the weights'.</exception>
    public Tensor Unfold(Tensor input)
    {
        InputShapes.CheckDtype(input, _recurrentLayers[0].InputToHidden.Weight.dtype, nameof(MaskedDeepRnn));
        if (input.Dimensions != 3 || input.shape[2] != InputSize || input.shape[0] == 0 || input.shape[1] == 0)
        {
            var layout = BatchFirst ? "[batch, sequence, " : "[sequence, batch, ";
            throw new ArgumentException($"MaskedDeepRnn expects input of shape {layout}{InputSize}] with at least one step, but the input has shape {MaskedLinear.Describe(input.shape)}.", nameof(input));
        }

        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in _recurrentLayers)
        {
            x = layer.Unfold(x);
        }

        return x.MoveToOuterDisposeScope();
    }
}
