using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// The layer index of a DAG, as deepstruct defines it: a vertex without predecessors is in
/// layer 0, any other vertex one layer above its highest predecessor. Within a layer vertices
/// ascend by index.
/// </summary>
public sealed class LayerIndex
{
    private readonly int[] _layerOfVertex;
    private readonly int[] _layerOffsets;
    private readonly int[] _verticesByLayer;
    private readonly int[] _indexInLayer;

    private LayerIndex(int[] layerOfVertex, int[] layerOffsets, int[] verticesByLayer, int[] indexInLayer)
    {
        _layerOfVertex = layerOfVertex;
        _layerOffsets = layerOffsets;
        _verticesByLayer = verticesByLayer;
        _indexInLayer = indexInLayer;
    }

    /// <summary>The number of vertices indexed.</summary>
    public int VertexCount => _layerOfVertex.Length;

    /// <summary>The number of layers (0 for an empty structure).</summary>
    public int LayerCount => _layerOffsets.Length - 1;

    /// <summary>The layer of <paramref name="vertex"/>.</summary>
    public int LayerOf(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        return _layerOfVertex[vertex];
    }

    /// <summary>The position of <paramref name="vertex"/> within its layer.</summary>
    public int IndexInLayer(int vertex)
    {
        Guard.Vertex(vertex, VertexCount, nameof(vertex));
        return _indexInLayer[vertex];
    }

    /// <summary>The vertices of <paramref name="layer"/>, ascending.</summary>
    public ReadOnlySpan<int> VerticesOf(int layer)
    {
        CheckLayer(layer);
        return new ReadOnlySpan<int>(_verticesByLayer, _layerOffsets[layer], _layerOffsets[layer + 1] - _layerOffsets[layer]);
    }

    /// <summary>The number of vertices in <paramref name="layer"/>.</summary>
    public int SizeOf(int layer)
    {
        CheckLayer(layer);
        return _layerOffsets[layer + 1] - _layerOffsets[layer];
    }

    /// <summary>The layer of every vertex, by vertex index.</summary>
    public ReadOnlySpan<int> LayerOfVertex => _layerOfVertex;

    /// <summary>The position of every vertex within its layer, by vertex index.</summary>
    public ReadOnlySpan<int> IndexInLayerOfVertex => _indexInLayer;

    /// <summary>The sizes of all layers, from layer 0 up.</summary>
    public int[] LayerSizes()
    {
        var sizes = new int[LayerCount];
        for (var layer = 0; layer < sizes.Length; layer++)
        {
            sizes[layer] = _layerOffsets[layer + 1] - _layerOffsets[layer];
        }

        return sizes;
    }

    /// <summary>Computes the layer index of <paramref name="graph"/> in O(V + E) (Kahn's algorithm).</summary>
    /// <exception cref="StructureCycleException">The graph has a cycle; the exception names it.</exception>
    public static LayerIndex Compute(Adjacency graph)
    {
        if (TryCompute(graph, out var index, out var cycle))
        {
            return index!;
        }

        throw new StructureCycleException(cycle!);
    }

    /// <summary>
    /// Computes the layer index of <paramref name="graph"/>, or, if it has a cycle, finds one:
    /// <paramref name="cycle"/> lists its vertices in edge order (the last has an edge back to the first).
    /// </summary>
    public static bool TryCompute(Adjacency graph, out LayerIndex? index, out IReadOnlyList<int>? cycle)
    {
        Guard.NotNull(graph, nameof(graph));
        var n = graph.VertexCount;
        var offsets = graph.Offsets;
        var successors = graph.SuccessorArray;

        var remainingPredecessors = new int[n];
        foreach (var target in successors)
        {
            remainingPredecessors[target]++;
        }

        var layerOf = new int[n];
        var queue = new int[n];
        var head = 0;
        var tail = 0;
        for (var v = 0; v < n; v++)
        {
            if (remainingPredecessors[v] == 0)
            {
                queue[tail++] = v;
            }
        }

        var layerCount = n == 0 ? 0 : 1;
        while (head < tail)
        {
            var vertex = queue[head++];
            var nextLayer = layerOf[vertex] + 1;
            for (var i = offsets[vertex]; i < offsets[vertex + 1]; i++)
            {
                var target = successors[i];
                if (layerOf[target] < nextLayer)
                {
                    layerOf[target] = nextLayer;
                }

                if (--remainingPredecessors[target] == 0)
                {
                    queue[tail++] = target;
                    if (layerOf[target] >= layerCount)
                    {
                        layerCount = layerOf[target] + 1;
                    }
                }
            }
        }

        if (tail < n)
        {
            index = null;
            cycle = FindCycle(graph, remainingPredecessors);
            return false;
        }

        index = FromLayers(layerOf, layerCount);
        cycle = null;
        return true;
    }

    /// <summary>
    /// Groups vertices by a layer assignment already known to be valid (decoding, families whose
    /// layers follow from their shape); vertices of a layer ascend by index. O(V + L).
    /// </summary>
    internal static LayerIndex FromLayers(int[] layerOf, int layerCount)
    {
        var layerOffsets = new int[layerCount + 1];
        foreach (var layer in layerOf)
        {
            layerOffsets[layer + 1]++;
        }

        for (var layer = 0; layer < layerCount; layer++)
        {
            layerOffsets[layer + 1] += layerOffsets[layer];
        }

        var cursor = new int[layerCount];
        Array.Copy(layerOffsets, cursor, layerCount);
        var verticesByLayer = new int[layerOf.Length];
        var indexInLayer = new int[layerOf.Length];
        for (var v = 0; v < layerOf.Length; v++)
        {
            var layer = layerOf[v];
            indexInLayer[v] = cursor[layer] - layerOffsets[layer];
            verticesByLayer[cursor[layer]++] = v;
        }

        return new LayerIndex(layerOf, layerOffsets, verticesByLayer, indexInLayer);
    }

    /// <summary>
    /// Every vertex Kahn's algorithm could not remove keeps an unremoved predecessor, so walking
    /// backwards through unremoved predecessors must revisit a vertex: that loop is a cycle. O(V + E).
    /// </summary>
    private static List<int> FindCycle(Adjacency graph, int[] remainingPredecessors)
    {
        var start = Array.FindIndex(remainingPredecessors, count => count > 0);
        var positionInWalk = new Dictionary<int, int>();
        var walk = new List<int>();
        var vertex = start;
        while (!positionInWalk.ContainsKey(vertex))
        {
            positionInWalk[vertex] = walk.Count;
            walk.Add(vertex);
            var next = -1;
            foreach (var predecessor in graph.Predecessors(vertex))
            {
                if (remainingPredecessors[predecessor] > 0)
                {
                    next = predecessor;
                    break;
                }
            }

            vertex = next;
        }

        // The walk went against the edges; reverse the loop to list it along them.
        var cycle = walk.GetRange(positionInWalk[vertex], walk.Count - positionInWalk[vertex]);
        cycle.Reverse();
        var smallest = cycle.IndexOf(Min(cycle));
        var rotated = new List<int>(cycle.Count);
        for (var i = 0; i < cycle.Count; i++)
        {
            rotated.Add(cycle[(smallest + i) % cycle.Count]);
        }

        return rotated;
    }

    private static int Min(List<int> values)
    {
        var min = int.MaxValue;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
        }

        return min;
    }

    private void CheckLayer(int layer)
    {
        if ((uint)layer >= (uint)LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer = {layer} does not exist; layers are 0..{LayerCount - 1}.");
        }
    }
}
