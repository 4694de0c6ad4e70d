using System;

namespace Deepstruct.Structures;

/// <summary>A growable pair of edge arrays for building structures inside the core without per-edge objects.</summary>
internal sealed class EdgeAccumulator
{
    private int[] _sources;
    private int[] _targets;

    public EdgeAccumulator(long capacity)
    {
        var initial = (int)Math.Min(Math.Max(capacity, 4), 1 << 24);
        _sources = new int[initial];
        _targets = new int[initial];
    }

    public int Count { get; private set; }

    /// <summary>Adds an undirected edge oriented from the lower to the higher index.</summary>
    public void AddOriented(int u, int v)
    {
        if (u > v)
        {
            (u, v) = (v, u);
        }

        Add(u, v);
    }

    public void Add(int source, int target)
    {
        if (Count == _sources.Length)
        {
            var capacity = Guard.FitsInt32(2L * _sources.Length, "edgeCount");
            Array.Resize(ref _sources, capacity);
            Array.Resize(ref _targets, capacity);
        }

        _sources[Count] = source;
        _targets[Count] = target;
        Count++;
    }

    public Structure ToStructure(int vertexCount) => Structure.FromArrays(vertexCount, _sources, _targets, Count);

    /// <summary>The adjacency of the edges so far; the arrays are read, not kept, so adding may go on.</summary>
    public Adjacency ToAdjacency(int vertexCount) => Adjacency.FromEdgeArrays(vertexCount, _sources, _targets, Count);
}
