using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What every <see cref="IMaskedWeight.Mask"/> setter does: check the new mask, then copy it into the
/// stored one; and how every implementation counts its unmasked weights.
/// </summary>
internal static class MaskAssignment
{
    /// <param name="target">The stored mask, written in place (views write through to their network).</param>
    /// <param name="value">The new mask, as the setter received it.</param>
    /// <param name="checkShape">The owner's shape check, which names the owner in its message.</param>
    public static void CopyInto(Tensor target, Tensor value, System.Action<Tensor> checkShape)
    {
        System.ArgumentNullException.ThrowIfNull(value);
        if (value.dtype != ScalarType.Bool)
        {
            throw new System.ArgumentException($"A mask must have dtype Bool, but this one has dtype {value.dtype}.", nameof(value));
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
}
