namespace Deepstruct.Binding;

/// <summary>The build-time size limits of DSNET.md (DS2008); larger structures are built at run time.</summary>
public static class Limits
{
    /// <summary>The most vertices a structure may have at build time.</summary>
    public const long MaximumVertices = 1_000_000;

    /// <summary>The most edges a structure may have at build time.</summary>
    public const long MaximumEdges = 5_000_000;

    /// <summary>The longest text the front end accepts (in UTF-16 code units); C# string literals hold less.</summary>
    public const int MaximumTextLength = 128 * 1024 * 1024;
}
