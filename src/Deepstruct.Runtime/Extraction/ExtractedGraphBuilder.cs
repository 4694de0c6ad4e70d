using System;
using Deepstruct.Graphs;
using Deepstruct.Structures;

namespace Deepstruct.Extraction;

/// <summary>
/// Collects an extracted graph in flat arrays (a layer per vertex, edges as two parallel arrays) and
/// turns it into a <see cref="LabeledDag"/> once, through the structure core: adding each of 190,000
/// edges through a QuikGraph graph would cost more than finding them.
/// </summary>
internal sealed class ExtractedGraphBuilder
{
    private readonly int[] _layerOf;
    private readonly StructureBuilder _structure;

    public ExtractedGraphBuilder(long vertices, long edges)
    {
        _layerOf = new int[vertices];
        _structure = new StructureBuilder(edgeCapacity: (int)Math.Min(edges, int.MaxValue));
    }

    public int VertexCount => _structure.VertexCount;

    /// <summary>Adds <paramref name="count"/> vertices into <paramref name="layer"/>; returns the first.</summary>
    public int AddVertices(int count, int layer)
    {
        _layerOf.AsSpan(_structure.VertexCount, count).Fill(layer);
        return _structure.AddVertices(count);
    }

    /// <summary>Adds one vertex into <paramref name="layer"/>; returns it.</summary>
    public int AddVertex(int layer) => AddVertices(1, layer);

    public void AddEdge(int source, int target) => _structure.AddEdge(source, target);

    public LabeledDag Build() =>
        LabeledDag.FromLayersAndEdges(new ArraySegment<int>(_layerOf, 0, _structure.VertexCount), _structure.Build());
}
