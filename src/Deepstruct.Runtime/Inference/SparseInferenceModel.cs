using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>
/// An inference-only copy of a masked model that computes sparse layers from their unmasked weights alone;
/// made by <see cref="SparseInference.Prepare"/>.
/// </summary>
/// <remarks>
/// It holds a snapshot of the model's weights, masks, biases and norms taken when it was prepared: later
/// training or pruning of the model does not change it (prepare again). It has no parameters and no
/// <c>state_dict</c>, computes no gradients, and runs on the CPU in the model's dtype (float32 or float64).
/// </remarks>
public sealed class SparseInferenceModel : nn.Module<Tensor, Tensor>
{
    private readonly InferenceStep[] _steps;
    private readonly long[] _inputShape;
    private readonly string _source;

    internal SparseInferenceModel(string source, long[] inputShape, ScalarType dtype, InferenceStep[] steps, IReadOnlyList<SparseInferenceLayer> layers)
        : base(nameof(SparseInferenceModel))
    {
        _source = source;
        _inputShape = inputShape;
        _steps = steps;
        Dtype = dtype;
        Layers = new ReadOnlyCollection<SparseInferenceLayer>(new List<SparseInferenceLayer>(layers));
        eval();
    }

    /// <summary>The shape of one example; the input is <c>[batch, ..InputShape]</c>.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>The dtype of the weights, and of the input it takes.</summary>
    public ScalarType Dtype { get; }

    /// <summary>Every masked layer, in forward order, and whether it is computed sparsely.</summary>
    public IReadOnlyList<SparseInferenceLayer> Layers { get; }

    /// <summary>The model's output for <paramref name="input"/>, <c>[batch, ..InputShape]</c> on the CPU; no gradient is recorded.</summary>
    /// <exception cref="InvalidOperationException">This module was put in training mode, or the input requires a gradient while gradients are recorded.</exception>
    /// <exception cref="ArgumentException">The input is not on the CPU, or not <c>[batch, ..InputShape]</c> of <see cref="Dtype"/>.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (training)
        {
            throw new InvalidOperationException($"A SparseInferenceModel computes inference only, but it was put in training mode: call eval() on it, and train the {_source} it was prepared from.");
        }

        if (input.requires_grad && is_grad_enabled())
        {
            throw new InvalidOperationException("A SparseInferenceModel computes no gradients, but the input requires one: detach it, or run under torch.no_grad().");
        }

        if (input.device_type != DeviceType.CPU)
        {
            throw new ArgumentException($"A SparseInferenceModel runs on the CPU, but the input is on {input.device}: move it with input.cpu().", nameof(input));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = InputShapes.Flatten(input, _inputShape, Dtype, nameof(SparseInferenceModel));
        foreach (var step in _steps)
        {
            x = step.Apply(x);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => $"SparseInferenceModel({_source}: {string.Join("; ", Layers)})";

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var step in _steps)
            {
                step.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
