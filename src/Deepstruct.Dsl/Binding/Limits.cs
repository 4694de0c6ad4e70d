namespace Deepstruct.Binding;

/// <summary>The size limits of DSNET.md (DS2008); larger structures are built at run time, larger dense maps nowhere.</summary>
public static class Limits
{
    /// <summary>The most vertices a structure may have at build time.</summary>
    public const long MaximumVertices = 1_000_000;

    /// <summary>The most edges a structure may have at build time.</summary>
    public const long MaximumEdges = 5_000_000;

    /// <summary>
    /// The most weights a model's dense maps may hold together (an <c>ffn</c>'s layers, a DAN's input,
    /// layer and output maps, an <c>rnn</c>'s input and recurrent weights): 10⁹, 4 GB of float32.
    /// Larger models are refused at build time (DS2008) and at run time, before anything is allocated.
    /// </summary>
    public const long MaximumDenseWeights = 1_000_000_000;

    /// <summary>The longest text the front end accepts (in UTF-16 code units); C# string literals hold less.</summary>
    public const int MaximumTextLength = 128 * 1024 * 1024;
}
