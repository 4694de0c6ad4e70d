namespace Deepstruct.Structures;

/// <summary>The role of a map in a DAN.</summary>
public enum LayerMapKind
{
    /// <summary>The dense map from the model's input to layer 0.</summary>
    Input,

    /// <summary>The masked map from layer <c>k-1</c> to layer <c>k</c>.</summary>
    Main,

    /// <summary>A masked map from an earlier layer <c>j &lt; k-1</c> to layer <c>k</c>.</summary>
    Skip,

    /// <summary>The dense map from the last layer to the model's output.</summary>
    Output,
}
