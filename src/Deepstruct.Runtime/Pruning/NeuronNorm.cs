namespace Deepstruct;

/// <summary>The norm a neuron's magnitude saliency takes of its weights.</summary>
public enum NeuronNorm
{
    /// <summary>√(Σ w²) (the default).</summary>
    L2,

    /// <summary>Σ |w|.</summary>
    L1,
}
