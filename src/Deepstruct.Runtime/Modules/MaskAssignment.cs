using System;
using System.Globalization;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What every <see cref="IMaskedWeight"/> does with its mask: the <see cref="IMaskedWeight.Mask"/>
/// setter's check and copy, counting the unmasked weights, <see cref="IMaskedWeight.ApplyMask"/> and
/// <see cref="IMaskedWeight.RecomputeMask"/>. Saliencies are kept by <see cref="SaliencyStore"/>.
/// </summary>
internal static class MaskAssignment
{
    /// <param name="target">The stored mask, written in place (views write through to their network).</param>
    /// <param name="value">The new mask, as the setter received it.</param>
    /// <param name="checkShape">The owner's shape check, which names the owner in its message.</param>
    public static void CopyInto(Tensor target, Tensor value, Action<Tensor> checkShape)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.dtype != ScalarType.Bool)
        {
            throw new ArgumentException($"A mask must have dtype Bool, but this one has dtype {value.dtype}.", nameof(value));
        }

        checkShape(value);
        using (no_grad())
        {
            target.copy_(value);
        }
    }

    /// <summary>The entries of <paramref name="mask"/> that are true: the unmasked weights (<see cref="IMaskedWeight.WeightCount"/>).</summary>
    public static long CountTrue(Tensor mask)
    {
        using var count = mask.count_nonzero();
        return count.item<long>();
    }

    /// <summary>Sets the stored weights at masked positions to exactly zero, in place (<see cref="IMaskedWeight.ApplyMask"/>).</summary>
    public static void ZeroMasked(Tensor weight, Tensor mask)
    {
        using (no_grad())
        using (var masked = mask.logical_not())
        {
            weight.masked_fill_(masked, TorchScalars.Zero);
        }
    }

    /// <summary>
    /// Writes into <paramref name="mask"/>, in place, which weights have |w| ≥ <paramref name="theta"/>
    /// (<see cref="IMaskedWeight.RecomputeMask"/>): only those within <paramref name="allowed"/> when given.
    /// </summary>
    /// <param name="weight">The stored weight.</param>
    /// <param name="mask">The stored mask.</param>
    /// <param name="theta">The magnitude threshold; checked first.</param>
    /// <param name="allowed">
    /// Makes the entries that may be unmasked at all, a bool tensor of the weight's shape that is disposed
    /// here (a structure's edges: theta 0 would otherwise unmask every non-edge, since |0| ≥ 0).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public static void Recompute(Tensor weight, Tensor mask, double theta, Func<Tensor>? allowed = null)
    {
        CheckTheta(theta);
        using (no_grad())
        using (var magnitude = weight.abs())
        using (var kept = magnitude.ge(theta))
        {
            if (allowed is null)
            {
                mask.copy_(kept);
                return;
            }

            using var connections = allowed();
            mask.copy_(kept.logical_and_(connections));
        }
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public static void CheckTheta(double theta)
    {
        if (!(theta >= 0) || double.IsInfinity(theta))
        {
            throw new ArgumentOutOfRangeException(nameof(theta), theta, string.Format(CultureInfo.InvariantCulture, "theta must be a finite threshold ≥ 0, but was {0}.", theta));
        }
    }
}
