using System;
using System.Collections.Generic;
using Deepstruct.Structures;

namespace Deepstruct.Graphs;

/// <summary>
/// A graph's vertex labels mapped to the dense indices <c>0..n-1</c> of a core <see cref="Structure"/>,
/// whose layer index (computed by the core in O(V + E)) is the graph's. Labels are numbered in
/// ascending order, so within a layer vertices ascend by label as they do in the core.
/// </summary>
internal sealed class StructureLayering : LayerAssignment
{
    // Null when the labels are exactly 0..n-1 (then a label is its own index): the common case costs no lookup table.
    private readonly int[]? _labelOfIndex;
    private readonly Dictionary<int, int>? _indexOfLabel;
    private readonly IReadOnlyList<int>[] _verticesByLayer;
    private readonly int[] _layers;

    private StructureLayering(Structure structure, int[]? labelOfIndex, Dictionary<int, int>? indexOfLabel)
    {
        Structure = structure;
        _labelOfIndex = labelOfIndex;
        _indexOfLabel = indexOfLabel;
        _layers = new int[structure.LayerCount];
        _verticesByLayer = new IReadOnlyList<int>[structure.LayerCount];
        for (var layer = 0; layer < _layers.Length; layer++)
        {
            _layers[layer] = layer;
            var indices = structure.VerticesOf(layer);
            var labels = new int[indices.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = LabelOf(indices[i]);
            }

            _verticesByLayer[layer] = Array.AsReadOnly(labels);
        }
    }

    /// <summary>The graph as a core structure on dense indices.</summary>
    public Structure Structure { get; }

    public override IReadOnlyList<int> Layers => _layers;

    public int LabelOf(int index) => _labelOfIndex is null ? index : _labelOfIndex[index];

    public bool TryGetIndex(int label, out int index)
    {
        if (_indexOfLabel is null)
        {
            index = label;
            return (uint)label < (uint)Structure.VertexCount;
        }

        return _indexOfLabel.TryGetValue(label, out index);
    }

    public override bool TryGetLayer(int vertex, out int layer)
    {
        if (!TryGetIndex(vertex, out var index))
        {
            layer = -1;
            return false;
        }

        layer = Structure.LayerOf(index);
        return true;
    }

    public override bool TryGetVertices(int layer, out IReadOnlyList<int> vertices)
    {
        if ((uint)layer >= (uint)_verticesByLayer.Length)
        {
            vertices = Array.Empty<int>();
            return false;
        }

        vertices = _verticesByLayer[layer];
        return true;
    }

    /// <summary>The layering of a structure whose indices are the labels.</summary>
    public static StructureLayering OfStructure(Structure structure) => new(structure, null, null);

    /// <summary>
    /// Numbers the labels ascending (in O(V) when they are exactly <c>0..n-1</c>, else by sorting),
    /// and builds the structure of the edges in O(V + E).
    /// </summary>
    /// <exception cref="StructureCycleException">The edges form a cycle.</exception>
    /// <exception cref="ArgumentException">An edge is a self-loop.</exception>
    public static StructureLayering Compute(ICollection<int> vertices, int edgeCount, IEnumerable<(int Source, int Target)> edges)
    {
        var n = vertices.Count;
        var labels = new int[n];
        vertices.CopyTo(labels, 0);
        var dense = true;
        foreach (var label in labels)
        {
            dense &= (uint)label < (uint)n;
        }

        int[]? labelOfIndex = null;
        Dictionary<int, int>? indexOfLabel = null;
        if (!dense)
        {
            Array.Sort(labels);
            labelOfIndex = labels;
            indexOfLabel = new Dictionary<int, int>(n);
            for (var i = 0; i < n; i++)
            {
                indexOfLabel.Add(labels[i], i);
            }
        }

        var builder = new StructureBuilder(n, edgeCount);
        foreach (var (source, target) in edges)
        {
            if (source == target)
            {
                throw new ArgumentException($"The edge {source} -> {target} is a self-loop; a layered graph is acyclic.", nameof(edges));
            }

            builder.AddEdge(indexOfLabel is null ? source : indexOfLabel[source], indexOfLabel is null ? target : indexOfLabel[target]);
        }

        if (!builder.TryBuild(out var structure, out var cycle))
        {
            var labelled = new int[cycle!.Count];
            for (var i = 0; i < labelled.Length; i++)
            {
                labelled[i] = labelOfIndex is null ? cycle[i] : labelOfIndex[cycle[i]];
            }

            throw new StructureCycleException(labelled);
        }

        return new StructureLayering(structure!, labelOfIndex, indexOfLabel);
    }
}
