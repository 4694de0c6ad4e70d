namespace Deepstruct;

/// <summary>Which weights of a neuron its magnitude saliency measures.</summary>
public enum NeuronWeights
{
    /// <summary>Its incoming and outgoing weights together (the default).</summary>
    Both,

    /// <summary>Its incoming weights: its row in every map into its layer.</summary>
    Incoming,

    /// <summary>Its outgoing weights: its column in every map reading its layer.</summary>
    Outgoing,
}
