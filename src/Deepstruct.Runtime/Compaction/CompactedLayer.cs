namespace Deepstruct;

/// <summary>What compaction did to one layer of hidden neurons; a row of <see cref="CompactionResult{TModel}"/>.</summary>
/// <param name="Name">The layer (<c>hidden 0 (layers.0)</c>, <c>layer 2</c>).</param>
/// <param name="Before">Its neurons before.</param>
/// <param name="Kept">Neurons kept: reached from the input and reaching the output.</param>
/// <param name="Folded">Neurons removed that reach the output but not from the input: constants, folded into the biases they feed.</param>
/// <param name="Removed">Neurons removed that do not reach the output.</param>
/// <param name="Placeholders">Neurons added with every weight masked, so that the layer is not empty (an FFN) or keeps its place (a DAN).</param>
public sealed record CompactedLayer(string Name, int Before, int Kept, int Folded, int Removed, int Placeholders)
{
    /// <summary>Its neurons after: kept ones and placeholders.</summary>
    public int After => Kept + Placeholders;
}
