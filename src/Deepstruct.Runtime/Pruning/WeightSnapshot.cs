using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A copy of a model's parameters at one training step, for rewinding (Frankle &amp; Carbin's lottery
/// ticket): take it early, train and prune, then <see cref="Rewind"/> — every parameter returns to
/// its snapshot value and the masks stay, so the pruned weights stay exactly zero.
/// </summary>
/// <remarks>
/// Rewinding writes in place, so optimizers keep their parameters; their state (momentum, Adam's
/// averages) belongs to the later weights, so start a new optimizer after rewinding.
/// </remarks>
public sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _values;

    private WeightSnapshot(Dictionary<string, Tensor> values, long step)
    {
        _values = values;
        Step = step;
    }

    /// <summary>The training step the snapshot was taken at (as the caller said).</summary>
    public long Step { get; }

    /// <summary>The names of the parameters held.</summary>
    public IReadOnlyCollection<string> ParameterNames => _values.Keys;

    /// <summary>Copies every parameter of <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="step">The training step, kept for the caller's bookkeeping.</param>
    public static WeightSnapshot Take(nn.Module model, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var values = new Dictionary<string, Tensor>();
        using (no_grad())
        {
            foreach (var (name, parameter) in model.named_parameters())
            {
                values[name] = parameter.detach().clone().DetachFromDisposeScope();
            }
        }

        return new WeightSnapshot(values, step);
    }

    /// <summary>
    /// Resets every parameter of <paramref name="model"/> to the snapshot, then applies the masks:
    /// unmasked weights get their snapshot values, masked ones stay exactly zero.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The model's parameters do not match the snapshot's names and shapes, or a mask of the model is wider
    /// than the structure the model was built on (it unmasks a weight the structure does not have); the model
    /// is then left unchanged.
    /// </exception>
    public void Rewind(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (MaskableModule.FindMaskBeyondStructureInside(model) is { } problem)
        {
            throw new ArgumentException(problem + " The model's masks were widened after it was built (by RecomputeMask(0), or a mask set through a map view); the snapshot was not applied.", nameof(model));
        }

        var parameters = model.named_parameters().ToArray();
        if (parameters.Length != _values.Count)
        {
            throw new ArgumentException($"The model has {parameters.Length} parameters, but the snapshot holds {_values.Count}.", nameof(model));
        }

        foreach (var (name, parameter) in parameters)
        {
            if (!_values.TryGetValue(name, out var value) || !value.shape.AsSpan().SequenceEqual(parameter.shape))
            {
                throw new ArgumentException($"The model's parameter '{name}' {MaskedLinear.Describe(parameter.shape)} is not in the snapshot with that shape.", nameof(model));
            }
        }

        using (no_grad())
        {
            foreach (var (name, parameter) in parameters)
            {
                parameter.copy_(_values[name]);
            }
        }

        foreach (var layer in MaskedWeights.Of(model))
        {
            layer.ApplyMask();
        }
    }

    /// <summary>Frees the copies.</summary>
    public void Dispose()
    {
        foreach (var value in _values.Values)
        {
            value.Dispose();
        }

        _values.Clear();
    }
}
