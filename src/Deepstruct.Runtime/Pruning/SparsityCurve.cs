namespace Deepstruct;

/// <summary>How a <see cref="GradualPruningSchedule"/> moves from its initial to its final sparsity.</summary>
public enum SparsityCurve
{
    /// <summary>
    /// Zhu &amp; Gupta's automated gradual pruning: sₜ = s_f + (s_i − s_f)·(1 − (t − t₀)/(t₁ − t₀))³ —
    /// fast early, while many weights are redundant, and slow near the end.
    /// </summary>
    Cubic,

    /// <summary>sₜ = s_i + (s_f − s_i)·(t − t₀)/(t₁ − t₀).</summary>
    Linear,
}
