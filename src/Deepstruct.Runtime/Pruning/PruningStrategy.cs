namespace Deepstruct;

/// <summary>How the amount given to <see cref="Pruning"/> is read (deepstruct's <c>PruningStrategy</c>).</summary>
public enum PruningStrategy
{
    /// <summary>
    /// A percentage p in [0, 100]: exactly ⌊p·N/100⌋ of the N weights still unmasked are masked
    /// (p is read as the decimal it prints as, so 0.3 % of 1000 weights is 3).
    /// </summary>
    Percentage,

    /// <summary>A whole number k ≥ 0: exactly k of the weights still unmasked are masked.</summary>
    Absolute,

    /// <summary>
    /// A bucket b ≥ 0: the least salient weights are masked while their summed saliency stays ≤ b.
    /// </summary>
    Bucket,
}
