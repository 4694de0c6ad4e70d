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
    private int _vertexCount;
    private int[] _sources;
    private int[] _targets;
    private int _edgeCount;

    public ExtractedGraphBuilder(long vertices, long edges)
    {
        _layerOf = new int[vertices];
        _sources = new int[Math.Max(16, edges)];
        _targets = new int[_sources.Length];
    }

    public int VertexCount => _vertexCount;

    /// <summary>Adds <paramref name="count"/> vertices into <paramref name="layer"/>; returns the first.</summary>
    public int AddVertices(int count, int layer)
    {
        var first = _vertexCount;
        _layerOf.AsSpan(first, count).Fill(layer);
        _vertexCount += count;
        return first;
    }

    /// <summary>Adds one vertex into <paramref name="layer"/>; returns it.</summary>
    public int AddVertex(int layer) => AddVertices(1, layer);

    public void AddEdge(int source, int target)
    {
        if (_edgeCount == _sources.Length)
        {
            // Only when the estimate was an upper bound that merged positions undercut, or an
            // estimate was low: growing keeps building correct either way.
            Array.Resize(ref _sources, _sources.Length * 2);
            Array.Resize(ref _targets, _targets.Length * 2);
        }

        _sources[_edgeCount] = source;
        _targets[_edgeCount++] = target;
    }

    public LabeledDag Build()
    {
        var structure = Structure.FromArrays(_vertexCount, _sources, _targets, _edgeCount);
        return LabeledDag.FromLayersAndEdges(new ArraySegment<int>(_layerOf, 0, _vertexCount), structure);
    }
}
