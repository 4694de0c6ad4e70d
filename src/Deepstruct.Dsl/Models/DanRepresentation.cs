namespace Deepstruct;

/// <summary>How a <c>MaskedDeepDan</c> stores its main and skip maps (the input and output maps are always dense).</summary>
public enum DanRepresentation
{
    /// <summary>
    /// Chosen per model when it is built: <see cref="Edges"/> when the structure's edges are at most
    /// <c>DanOptions.AutoEdgeDensity</c> (1.5 %) of the entries the dense fused maps would hold, otherwise
    /// <see cref="Dense"/>. The default.
    /// </summary>
    Auto,

    /// <summary>
    /// Every map leaving a layer stacked into one dense masked block, all blocks in one flat weight:
    /// memory and time follow the layer-pair blocks (fast for small, dense-ish structures).
    /// </summary>
    Dense,

    /// <summary>
    /// One weight per structure edge, computed by an edge kernel: memory and time follow the edges
    /// (the sparse structures of tens of thousands of vertices).
    /// </summary>
    Edges,
}
