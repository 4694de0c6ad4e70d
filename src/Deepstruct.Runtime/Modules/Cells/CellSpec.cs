namespace Deepstruct;

/// <summary>
/// What a <see cref="DeepCellDan"/> tells the factory of the cell it builds for one vertex: what
/// deepstruct passes its cell constructor (<c>is_input</c>, <c>is_output</c>, <c>in_degree</c>,
/// <c>out_degree</c>, <c>layer</c>, <c>input_channel_size</c>), plus the vertex itself.
/// </summary>
/// <remarks>
/// A cell maps <c>[batch, <see cref="InChannels"/>, ..spatial]</c> to <c>[batch, 1, ..spatial′]</c>: one
/// output channel, any spatial extent (smaller outputs are zero-padded where they meet others).
/// </remarks>
/// <param name="Vertex">The structure's vertex the cell computes.</param>
/// <param name="IsInput">Whether the vertex has no predecessor; such a cell reads the model's input.</param>
/// <param name="IsOutput">Whether the vertex has no successor; such a cell feeds the model's head.</param>
/// <param name="InDegree">The number of predecessors.</param>
/// <param name="OutDegree">The number of successors.</param>
/// <param name="Layer">The vertex's layer in the structure's layer index.</param>
/// <param name="InputChannelSize">The model's input channels (the same for every cell, as in deepstruct).</param>
public sealed record CellSpec(int Vertex, bool IsInput, bool IsOutput, int InDegree, int OutDegree, int Layer, int InputChannelSize)
{
    /// <summary>
    /// The channels this cell receives: <see cref="InputChannelSize"/> for an input cell, else
    /// <see cref="InDegree"/> (one channel from each predecessor, in ascending vertex order).
    /// </summary>
    public int InChannels => IsInput ? InputChannelSize : InDegree;
}
