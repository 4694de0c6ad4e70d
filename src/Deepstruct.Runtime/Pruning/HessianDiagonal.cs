namespace Deepstruct;

/// <summary>How <see cref="OptimalBrainDamageSaliency"/> obtains the diagonal of the loss's Hessian.</summary>
public enum HessianDiagonal
{
    /// <summary>
    /// The empirical Fisher: the mean over examples of the squared per-example gradient,
    /// E[(∂ℓₙ/∂wᵢ)²]. One backward pass per example; scales to real networks (the default).
    /// </summary>
    EmpiricalFisher,

    /// <summary>
    /// The exact second derivatives ∂²L/∂wᵢ² by double backpropagation: one extra backward pass per
    /// unmasked weight, for small models only (deepstruct's <c>calculate_obd_saliency</c>).
    /// </summary>
    Exact,
}
