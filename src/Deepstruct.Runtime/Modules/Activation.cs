namespace Deepstruct;

/// <summary>The nonlinearity a model applies after each hidden map.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary>The logistic function.</summary>
    Sigmoid,

    /// <summary>The Gaussian error linear unit.</summary>
    GELU,

    /// <summary>max(0, x) + 0.01·min(0, x).</summary>
    LeakyReLU,

    /// <summary>The exponential linear unit (α = 1).</summary>
    ELU,

    /// <summary>No nonlinearity.</summary>
    Identity,
}
