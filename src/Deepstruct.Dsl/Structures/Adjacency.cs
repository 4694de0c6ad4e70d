using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// An immutable directed graph on vertices <c>0..n-1</c> in compressed sparse row form: the
/// successors of each vertex are stored contiguously, ascending and without duplicates.
/// It may contain cycles; <see cref="LayerIndex"/> decides whether it is a DAG.
/// </summary>
public sealed class Adjacency
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private Transposed? _transposed;

    private Adjacency(int[] offsets, int[] targets)
    {
        _offsets = offsets;
        _targets = targets;
    }

    /// <summary>The number of vertices.</summary>
    public int VertexCount => _offsets.Length - 1;

    /// <summary>The number of distinct edges.</summary>
    public int EdgeCount => _targets.Length;

    /// <summary>The successors of <paramref name="vertex"/>, ascending.</summary>
    public ReadOnlySpan<int> Successors(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        return new ReadOnlySpan<int>(_targets, _offsets[vertex], _offsets[vertex + 1] - _offsets[vertex]);
    }

    /// <summary>The predecessors of <paramref name="vertex"/>, ascending.</summary>
    public ReadOnlySpan<int> Predecessors(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        var transposed = GetTransposed();
        return new ReadOnlySpan<int>(transposed.Sources, transposed.Offsets[vertex], transposed.Offsets[vertex + 1] - transposed.Offsets[vertex]);
    }

    /// <summary>The number of successors of <paramref name="vertex"/>.</summary>
    public int OutDegree(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        return _offsets[vertex + 1] - _offsets[vertex];
    }

    /// <summary>The number of predecessors of <paramref name="vertex"/>.</summary>
    public int InDegree(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        var offsets = GetTransposed().Offsets;
        return offsets[vertex + 1] - offsets[vertex];
    }

    /// <summary>Whether the edge <paramref name="source"/> → <paramref name="target"/> exists (binary search).</summary>
    public bool HasEdge(int source, int target)
    {
        Guard.Vertex(source, VertexCount, nameof(source));
        Guard.Vertex(target, VertexCount, nameof(target));
        return Array.BinarySearch(_targets, _offsets[source], _offsets[source + 1] - _offsets[source], target) >= 0;
    }

    /// <summary>Every edge, by source ascending, then target ascending.</summary>
    public IEnumerable<Edge> Edges
    {
        get
        {
            for (var source = 0; source < VertexCount; source++)
            {
                for (var i = _offsets[source]; i < _offsets[source + 1]; i++)
                {
                    yield return new Edge(source, _targets[i]);
                }
            }
        }
    }

    /// <summary>The row offsets of the CSR form: successors of <c>v</c> are <c>SuccessorArray[Offsets[v]..Offsets[v+1]]</c>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>All successor lists, concatenated in vertex order.</summary>
    public ReadOnlySpan<int> SuccessorArray => _targets;

    /// <summary>
    /// Builds the adjacency of <paramref name="vertexCount"/> vertices and the given edges in
    /// O(V + E); duplicate edges are merged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or an edge names an unknown vertex.</exception>
    /// <exception cref="ArgumentException">An edge is a self-loop.</exception>
    public static Adjacency FromEdges(int vertexCount, IReadOnlyList<Edge> edges)
    {
        Guard.NotNull(edges, nameof(edges));
        Guard.AtLeast(vertexCount, 0, nameof(vertexCount));
        var sources = new int[edges.Count];
        var targets = new int[edges.Count];
        for (var i = 0; i < edges.Count; i++)
        {
            sources[i] = edges[i].Source;
            targets[i] = edges[i].Target;
        }

        return FromEdgeArrays(vertexCount, sources, targets, edges.Count);
    }

    /// <summary>
    /// Builds from parallel arrays of sources and targets of which the first <paramref name="count"/>
    /// are used; the arrays are read, never kept.
    /// </summary>
    internal static Adjacency FromEdgeArrays(int vertexCount, int[] sources, int[] targets, int count, string parameterName = "edges")
    {
        for (var i = 0; i < count; i++)
        {
            Guard.Vertex(sources[i], vertexCount, parameterName);
            Guard.Vertex(targets[i], vertexCount, parameterName);
            if (sources[i] == targets[i])
            {
                throw new ArgumentException($"The edge {sources[i]} -> {targets[i]} is a self-loop; a structure is acyclic.", parameterName);
            }
        }

        // Two stable counting sorts (by target, then by source) give every row sorted in O(V + E).
        var byTarget = CountingSort(vertexCount, targets, count, identity: null);
        var bySource = CountingSort(vertexCount, sources, count, byTarget);

        var offsets = new int[vertexCount + 1];
        var unique = new int[count];
        var written = 0;
        var previousSource = -1;
        var previousTarget = -1;
        foreach (var edgeIndex in bySource)
        {
            var source = sources[edgeIndex];
            var target = targets[edgeIndex];
            if (source == previousSource && target == previousTarget)
            {
                continue;
            }

            unique[written++] = target;
            offsets[source + 1]++;
            previousSource = source;
            previousTarget = target;
        }

        for (var v = 0; v < vertexCount; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        if (written != count)
        {
            Array.Resize(ref unique, written);
        }

        return new Adjacency(offsets, unique);
    }

    /// <summary>
    /// Wraps arrays that already are a valid CSR form (rows ascending and distinct, in range);
    /// the caller hands over ownership.
    /// </summary>
    internal static Adjacency FromTrustedCsr(int[] offsets, int[] targets) => new(offsets, targets);

    private static int[] CountingSort(int vertexCount, int[] keys, int count, int[]? identity)
    {
        var starts = new int[vertexCount + 1];
        for (var i = 0; i < count; i++)
        {
            starts[keys[i] + 1]++;
        }

        for (var v = 0; v < vertexCount; v++)
        {
            starts[v + 1] += starts[v];
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            var edgeIndex = identity is null ? i : identity[i];
            order[starts[keys[edgeIndex]]++] = edgeIndex;
        }

        return order;
    }

    private Transposed GetTransposed()
    {
        // Computed once on first use; a race computes it twice and keeps either, which is harmless.
        var transposed = System.Threading.Volatile.Read(ref _transposed);
        if (transposed is not null)
        {
            return transposed;
        }

        var offsets = new int[VertexCount + 1];
        foreach (var target in _targets)
        {
            offsets[target + 1]++;
        }

        for (var v = 0; v < VertexCount; v++)
        {
            offsets[v + 1] += offsets[v];
        }

        var cursor = (int[])offsets.Clone();
        var sources = new int[_targets.Length];
        for (var source = 0; source < VertexCount; source++)
        {
            for (var i = _offsets[source]; i < _offsets[source + 1]; i++)
            {
                sources[cursor[_targets[i]]++] = source;
            }
        }

        transposed = new Transposed(offsets, sources);
        System.Threading.Volatile.Write(ref _transposed, transposed);
        return transposed;
    }

    private sealed class Transposed(int[] offsets, int[] sources)
    {
        public int[] Offsets { get; } = offsets;

        public int[] Sources { get; } = sources;
    }
}
