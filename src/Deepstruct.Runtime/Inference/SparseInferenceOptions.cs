using System;

namespace Deepstruct.Inference;

/// <summary>Settings of <see cref="SparseInference.Prepare"/>.</summary>
public sealed class SparseInferenceOptions
{
    /// <summary>
    /// The measured crossover: a layer with at most this fraction of its weights unmasked is computed
    /// sparsely (docs/benchmarks.md, "Sparse inference").
    /// </summary>
    public const double DefaultMaximumSparseDensity = 0.25;

    /// <summary>Whether layers are sparse, dense, or chosen by density; <see cref="SparseInferenceMode.Auto"/> unless set.</summary>
    public SparseInferenceMode Mode { get; set; } = SparseInferenceMode.Auto;

    /// <summary>
    /// In <see cref="SparseInferenceMode.Auto"/>, the largest density (unmasked weights / all weights, 0 to 1) at which a layer
    /// is computed sparsely; <see cref="DefaultMaximumSparseDensity"/> unless set.
    /// </summary>
    public double MaximumSparseDensity { get; set; } = DefaultMaximumSparseDensity;

    /// <summary>Refuses settings no model can be prepared with.</summary>
    internal void Validate(string parameterName)
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(parameterName, Mode, $"options.Mode = {Mode} is not a SparseInferenceMode.");
        }

        if (double.IsNaN(MaximumSparseDensity) || MaximumSparseDensity < 0 || MaximumSparseDensity > 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, MaximumSparseDensity, $"options.MaximumSparseDensity must be from 0 to 1, but was {MaximumSparseDensity}.");
        }
    }
}
