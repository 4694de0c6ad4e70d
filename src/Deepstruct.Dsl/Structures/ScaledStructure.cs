namespace Deepstruct.Structures;

/// <summary>The result of <see cref="StructureOperations.Scale(Structure, System.Collections.Generic.IReadOnlyList{long})"/>: the grown structure and where each original vertex's block lies.</summary>
public sealed class ScaledStructure
{
    private readonly int[] _blockStarts;

    internal ScaledStructure(Structure structure, int[] blockStarts)
    {
        Structure = structure;
        _blockStarts = blockStarts;
    }

    /// <summary>The grown structure.</summary>
    public Structure Structure { get; }

    /// <summary>The first vertex of the block of original vertex <paramref name="vertex"/>.</summary>
    public int BlockStart(int vertex)
    {
        Guard.Vertex(vertex, _blockStarts.Length - 1, nameof(vertex));
        return _blockStarts[vertex];
    }

    /// <summary>The size of the block of original vertex <paramref name="vertex"/>.</summary>
    public int BlockLength(int vertex)
    {
        Guard.Vertex(vertex, _blockStarts.Length - 1, nameof(vertex));
        return _blockStarts[vertex + 1] - _blockStarts[vertex];
    }
}
