using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A feed-forward network of <see cref="MaskedLinear"/> layers (deepstruct's <c>MaskedDeepFFN</c>):
/// input → hidden₁ → … → output, each hidden layer followed by an optional layer norm and the
/// activation. Inputs of any shape are flattened after the batch dimension.
/// </summary>
public class MaskedDeepFfn : MaskableModule
{
    [ComponentName(Name = "layers")]
    private readonly ModuleList<MaskedLinear> _layers = new();

    [ComponentName(Name = "norms")]
    private readonly ModuleList<LayerNorm> _norms = new();

    private readonly long[] _inputShape;
    private readonly int[] _hidden;

    /// <summary>Creates the network for inputs of <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="hidden">The size of each hidden layer, from the input on; at least one, as in deepstruct.</param>
    /// <param name="useLayerNorm">Whether each hidden layer normalizes before its activation.</param>
    /// <param name="activation">The nonlinearity after each hidden layer.</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <exception cref="ArgumentException">
    /// A size is below 1 (<see cref="ArgumentOutOfRangeException"/>), <paramref name="hidden"/> is empty, or a layer
    /// or the whole network has more weights than <see cref="WeightLimits"/> allows.
    /// </exception>
    public MaskedDeepFfn(int inputSize, int outputSize, int[] hidden, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true)
        : this(new long[] { CheckedSize(inputSize) }, outputSize, hidden, useLayerNorm, activation, bias)
    {
    }

    /// <summary>Creates the network for inputs of shape <c>[batch, ..inputShape]</c>.</summary>
    /// <param name="inputShape">The shape of one example, flattened by the network.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="hidden">The size of each hidden layer, from the input on; at least one, as in deepstruct.</param>
    /// <param name="useLayerNorm">Whether each hidden layer normalizes before its activation.</param>
    /// <param name="activation">The nonlinearity after each hidden layer.</param>
    /// <param name="bias">Whether the layers have biases.</param>
    /// <exception cref="ArgumentException">
    /// The shape is empty, a size is below 1, <paramref name="hidden"/> is empty, or a layer or the whole
    /// network has more weights than <see cref="WeightLimits"/> allows.
    /// </exception>
    public MaskedDeepFfn(long[] inputShape, int outputSize, int[] hidden, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true)
        : base(nameof(MaskedDeepFfn))
    {
        _inputShape = InputShapes.Validate(inputShape, nameof(inputShape), out var inputSize);
        ArgumentNullException.ThrowIfNull(hidden);

        // deepstruct refuses an empty hidden list, and a .dsnet ffn needs hidden sizes (DS2006):
        // without hidden layers this would silently be a single linear map.
        if (hidden.Length == 0)
        {
            throw new ArgumentException("hidden must name at least one layer size, but is empty.", nameof(hidden));
        }

        if (outputSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"outputSize must be at least 1, but was {outputSize}.");
        }

        for (var i = 0; i < hidden.Length; i++)
        {
            if (hidden[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden[i], $"Every hidden size must be at least 1, but hidden[{i}] = {hidden[i]}.");
            }
        }

        ActivationFunctions.Check(activation);
        CheckWeightCounts(inputSize, hidden, outputSize);
        _hidden = (int[])hidden.Clone();
        InputSize = inputSize;
        OutputSize = outputSize;
        UseLayerNorm = useLayerNorm;
        Activation = activation;

        long previous = inputSize;
        foreach (var size in _hidden)
        {
            _layers.Add(new MaskedLinear(previous, size, bias));
            if (useLayerNorm)
            {
                _norms.Add(nn.LayerNorm(size));
            }

            previous = size;
        }

        _layers.Add(new MaskedLinear(previous, outputSize, bias));
        RegisterComponents();
    }

    /// <summary>The shape of one example.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>Features per example after flattening.</summary>
    public int InputSize { get; }

    /// <summary>Outputs per example.</summary>
    public int OutputSize { get; }

    /// <summary>The hidden layer sizes.</summary>
    public IReadOnlyList<int> HiddenSizes => _hidden;

    /// <summary>Whether hidden layers normalize before their activation.</summary>
    public bool UseLayerNorm { get; }

    /// <summary>The nonlinearity after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>The layers, from the input on; the last maps to the output.</summary>
    public IReadOnlyList<MaskedLinear> Layers => new ReadOnlyCollection<MaskedLinear>(_layers);

    /// <summary>The layer norms after the hidden layers, one per hidden layer; empty without <see cref="UseLayerNorm"/>.</summary>
    internal IReadOnlyList<LayerNorm> Norms => new ReadOnlyCollection<LayerNorm>(_norms);

    /// <inheritdoc />
    public override IEnumerable<IMaskedWeight> MaskableLayers() => _layers;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not <c>[batch, ..InputShape]</c>.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = InputShapes.Flatten(input, _inputShape, _layers[0].weight.dtype, nameof(MaskedDeepFfn));
        for (var i = 0; i < _hidden.Length; i++)
        {
            x = _layers[i].call(x);
            if (UseLayerNorm)
            {
                x = _norms[i].call(x);
            }

            x = ActivationFunctions.Apply(Activation, x);
        }

        return _layers[^1].call(x).MoveToOuterDisposeScope();
    }

    /// <summary>Refuses, before any tensor is allocated, a layer or a network larger than <see cref="WeightLimits"/> allows.</summary>
    private static void CheckWeightCounts(int inputSize, int[] hidden, int outputSize)
    {
        decimal total = 0;
        long previous = inputSize;
        for (var i = 0; i < hidden.Length; i++)
        {
            var from = i == 0 ? $"inputSize = {inputSize}" : $"hidden[{i - 1}] = {previous}";
            total += WeightLimits.CheckDense(hidden[i], previous, $"MaskedDeepFfn layer {i} ({from} → hidden[{i}] = {hidden[i]})", nameof(hidden));
            previous = hidden[i];
        }

        total += WeightLimits.CheckDense(outputSize, previous, $"MaskedDeepFfn's output layer (hidden[{hidden.Length - 1}] = {previous} → outputSize = {outputSize})", nameof(outputSize));
        WeightLimits.CheckTotal(total, nameof(MaskedDeepFfn), $"inputSize = {inputSize}, hidden = [{string.Join(", ", hidden)}], outputSize = {outputSize}", nameof(hidden));
    }

    private static long CheckedSize(int inputSize) =>
        inputSize >= 1 ? inputSize : throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"inputSize must be at least 1, but was {inputSize}.");
}
