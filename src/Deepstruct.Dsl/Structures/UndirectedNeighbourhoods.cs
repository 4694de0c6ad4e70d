using System;

namespace Deepstruct.Structures;

/// <summary>
/// A mutable undirected simple graph as one small neighbour list per vertex, for the families
/// that rewire or add edges while checking adjacency. Degrees are small in these families, so a
/// linear scan beats hashing.
/// </summary>
internal sealed class UndirectedNeighbourhoods
{
    private readonly int[][] _neighbours;
    private readonly int[] _degrees;

    public UndirectedNeighbourhoods(int vertexCount, int expectedDegree)
    {
        _neighbours = new int[vertexCount][];
        _degrees = new int[vertexCount];
        var initial = Math.Max(expectedDegree, 2);
        for (var v = 0; v < vertexCount; v++)
        {
            _neighbours[v] = new int[initial];
        }
    }

    public int VertexCount => _degrees.Length;

    public int Degree(int vertex) => _degrees[vertex];

    public bool HasEdge(int u, int v) => Array.IndexOf(_neighbours[u], v, 0, _degrees[u]) >= 0;

    public void AddEdge(int u, int v)
    {
        Append(u, v);
        Append(v, u);
    }

    public void RemoveEdge(int u, int v)
    {
        Remove(u, v);
        Remove(v, u);
    }

    /// <summary>Every edge once, oriented from the lower to the higher index.</summary>
    public Structure ToStructure()
    {
        long edgeCount = 0;
        foreach (var degree in _degrees)
        {
            edgeCount += degree;
        }

        var edges = new EdgeAccumulator(edgeCount / 2);
        for (var u = 0; u < VertexCount; u++)
        {
            for (var i = 0; i < _degrees[u]; i++)
            {
                var v = _neighbours[u][i];
                if (u < v)
                {
                    edges.Add(u, v);
                }
            }
        }

        return edges.ToStructure(VertexCount);
    }

    private void Append(int vertex, int neighbour)
    {
        ref var list = ref _neighbours[vertex];
        if (_degrees[vertex] == list.Length)
        {
            Array.Resize(ref list, list.Length * 2);
        }

        list[_degrees[vertex]++] = neighbour;
    }

    private void Remove(int vertex, int neighbour)
    {
        var list = _neighbours[vertex];
        var at = Array.IndexOf(list, neighbour, 0, _degrees[vertex]);
        list[at] = list[--_degrees[vertex]];
    }
}
