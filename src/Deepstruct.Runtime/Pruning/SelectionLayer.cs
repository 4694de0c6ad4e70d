using System;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// One layer as selection sees it: its saliencies and a working copy of its mask, both contiguous
/// on the CPU so that they can be read as spans. The copy goes back through <see cref="IMaskedWeight.Mask"/>'s
/// setter, which updates the module's buffer in place on whatever device it lives.
/// </summary>
internal sealed class SelectionLayer : IDisposable
{
    private readonly Tensor _saliency;
    private readonly Tensor _mask;

    public SelectionLayer(IMaskedWeight layer, int position, Tensor saliency, ScalarType dtype)
    {
        Layer = layer;
        Position = position;
        // No copy when the saliency already is a contiguous CPU tensor of the dtype: the caller owns
        // it for the duration, and disposing a tensor twice is harmless.
        _saliency = saliency.to(dtype, CPU).contiguous().DetachFromDisposeScope();
        _mask = layer.Mask.to(CPU, copy: true).contiguous().DetachFromDisposeScope();
        Unmasked = CountTrue(MaskSpan);
    }

    public IMaskedWeight Layer { get; }

    /// <summary>The layer's position among those pruned, for error messages.</summary>
    public int Position { get; }

    /// <summary>The number of weights still present when the selection started.</summary>
    public long Unmasked { get; }

    public Span<bool> MaskSpan => MemoryMarshal.Cast<byte, bool>(_mask.bytes);

    public ReadOnlySpan<T> Saliency<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(_saliency.bytes);

    /// <summary>Writes the working mask back to the layer.</summary>
    public void Commit() => Layer.Mask = _mask;

    public void Dispose()
    {
        _saliency.Dispose();
        _mask.Dispose();
    }

    private static long CountTrue(ReadOnlySpan<bool> mask)
    {
        // A bool is one byte of 0 or 1, so the count is the byte sum.
        var bytes = MemoryMarshal.Cast<bool, byte>(mask);
        var count = 0L;
        foreach (var value in bytes)
        {
            count += value;
        }

        return count;
    }
}
