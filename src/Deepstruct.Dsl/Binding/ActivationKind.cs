namespace Deepstruct.Binding;

/// <summary>The activations a model may name.</summary>
public enum ActivationKind
{
    /// <summary><c>relu</c> (the default).</summary>
    ReLU,

    /// <summary><c>tanh</c></summary>
    Tanh,

    /// <summary><c>sigmoid</c></summary>
    Sigmoid,

    /// <summary><c>gelu</c></summary>
    GELU,

    /// <summary><c>leaky_relu</c></summary>
    LeakyReLU,

    /// <summary><c>elu</c></summary>
    ELU,

    /// <summary><c>identity</c></summary>
    Identity,
}
