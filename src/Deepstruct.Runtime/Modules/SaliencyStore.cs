using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What every <see cref="IMaskedWeight.Saliency"/> holds: a saliency that was set, or none (then |weight|).
/// It is not a buffer, so it is neither saved nor moved by <c>to()</c>; the store owns its copy.
/// </summary>
internal sealed class SaliencyStore : IDisposable
{
    private Tensor? _value;

    /// <summary>
    /// A new tensor the caller owns: |<paramref name="weight"/>| unless a saliency was set, else that one
    /// in the weight's dtype and on its device (<c>to()</c> moved the weight and left the saliency behind).
    /// </summary>
    public Tensor Get(Tensor weight)
    {
        if (_value is not null)
        {
            return _value.to(weight.dtype, weight.device, copy: true);
        }

        using var detached = weight.detach();
        return detached.abs();
    }

    /// <summary>Keeps a detached copy of <paramref name="value"/>, after <paramref name="checkShape"/> accepts it; <see langword="null"/> returns to |weight|.</summary>
    /// <param name="value">The saliency, as the setter received it.</param>
    /// <param name="checkShape">The owner's shape check, which names the owner in its message.</param>
    public void Set(Tensor? value, Action<Tensor> checkShape)
    {
        if (value is not null)
        {
            checkShape(value);
        }

        _value?.Dispose();
        _value = value?.detach().clone().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        _value?.Dispose();
        _value = null;
    }
}
