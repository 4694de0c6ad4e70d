using System;
using System.Globalization;

namespace Deepstruct;

/// <summary>
/// The sizes the run-time models accept, checked before any tensor is allocated, so a model too large
/// to build fails with an <see cref="ArgumentException"/> naming its sizes instead of inside libtorch.
/// The build-time limits of <c>.dsnet</c> structures (DS2008) are smaller: see <c>Deepstruct.Binding.Limits</c>.
/// </summary>
public static class WeightLimits
{
    /// <summary>
    /// The most entries one weight tensor may have — a dense map <c>[out, in]</c>, or the fused main and
    /// skip maps of a <see cref="MaskedDeepDan"/> — masked or not: <see cref="int.MaxValue"/>, the most a
    /// .NET array or span holds, which pruning and extraction read weights into.
    /// </summary>
    public const long MaximumWeightsPerTensor = int.MaxValue;

    /// <summary>
    /// The most weight entries a model may have over all its maps, masked or not: 2³³ (32 GiB as float32).
    /// </summary>
    public const long MaximumWeights = 1L << 33;

    /// <summary>
    /// <paramref name="rows"/> × <paramref name="columns"/>, after checking it is at most
    /// <see cref="MaximumWeightsPerTensor"/>; <paramref name="what"/> names the map in the message.
    /// </summary>
    /// <exception cref="ArgumentException">The product is larger.</exception>
    internal static long CheckDense(long rows, long columns, string what, string parameterName)
    {
        // Sizes are ≥ 1 here; dividing avoids overflowing long on the product.
        if (rows > MaximumWeightsPerTensor / columns)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0} of {1} × {2} = {3:N0} weights is larger than one weight tensor may be ({4:N0}, WeightLimits.MaximumWeightsPerTensor).", what, rows, columns, (decimal)rows * columns, MaximumWeightsPerTensor),
                parameterName);
        }

        return rows * columns;
    }

    /// <summary>Checks one tensor of <paramref name="count"/> entries made of several maps (such as a DAN's fused maps).</summary>
    /// <exception cref="ArgumentException">The count is larger than <see cref="MaximumWeightsPerTensor"/>.</exception>
    internal static void CheckTensor(long count, string what, string parameterName)
    {
        if (count > MaximumWeightsPerTensor)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0} hold {1:N0} weights, more than one weight tensor may hold ({2:N0}, WeightLimits.MaximumWeightsPerTensor).", what, count, MaximumWeightsPerTensor),
                parameterName);
        }
    }

    /// <summary>Checks a model's total; <paramref name="sizes"/> describes where it comes from.</summary>
    /// <exception cref="ArgumentException">The total is larger than <see cref="MaximumWeights"/>.</exception>
    internal static void CheckTotal(decimal total, string model, string sizes, string parameterName)
    {
        if (total > MaximumWeights)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0} with {1} would have {2:N0} weights, more than a model may have ({3:N0}, WeightLimits.MaximumWeights).", model, sizes, total, MaximumWeights),
                parameterName);
        }
    }
}
