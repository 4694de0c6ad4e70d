namespace Deepstruct.Structures;

/// <summary>A directed edge between two vertices of a structure, identified by their indices.</summary>
/// <param name="Source">The index of the vertex the edge leaves.</param>
/// <param name="Target">The index of the vertex the edge enters.</param>
public readonly record struct Edge(int Source, int Target)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source} -> {Target}";
}
