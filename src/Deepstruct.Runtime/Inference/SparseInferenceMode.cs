namespace Deepstruct.Inference;

/// <summary>How <see cref="SparseInference.Prepare"/> computes each masked layer.</summary>
public enum SparseInferenceMode
{
    /// <summary>Sparse (CSR) where the layer's density is at most <see cref="SparseInferenceOptions.MaximumSparseDensity"/>, dense above it.</summary>
    Auto = 0,

    /// <summary>Every masked layer sparse, whatever its density.</summary>
    Sparse = 1,

    /// <summary>Every masked layer dense (<c>linear</c> of the folded weight): the reference sparse inference is measured against.</summary>
    Dense = 2,
}
