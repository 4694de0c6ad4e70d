namespace Deepstruct;

/// <summary>
/// The nonlinearity a model applies after each hidden map; shared by the runtime's constructors
/// and the <c>activation</c> setting of <c>.dsnet</c> models (spelled in snake case there).
/// </summary>
public enum Activation
{
    /// <summary>max(0, x); <c>relu</c>, the default.</summary>
    ReLU,

    /// <summary>The hyperbolic tangent; <c>tanh</c>.</summary>
    Tanh,

    /// <summary>The logistic function; <c>sigmoid</c>.</summary>
    Sigmoid,

    /// <summary>The Gaussian error linear unit; <c>gelu</c>.</summary>
    GELU,

    /// <summary>max(0, x) + 0.01·min(0, x); <c>leaky_relu</c>.</summary>
    LeakyReLU,

    /// <summary>The exponential linear unit (α = 1); <c>elu</c>.</summary>
    ELU,

    /// <summary>No nonlinearity; <c>identity</c>.</summary>
    Identity,
}
