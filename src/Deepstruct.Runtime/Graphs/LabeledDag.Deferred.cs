using System;
using System.Collections.Generic;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Graphs;

public sealed partial class LabeledDag
{
    // A graph made in one piece (by extraction or a reader) keeps its edges as a core structure and
    // fills in its QuikGraph vertices and edges only when something reads or changes them: adding
    // 190,000 edges one by one through QuikGraph costs more than extracting them.
    private Structure? _deferredEdges;

    /// <summary>
    /// The graph with vertex <c>v</c> in <c>layerOfVertex[v]</c> and the edges of <paramref name="edges"/>
    /// (on the same vertices), which the caller has checked to go from a lower to a higher layer.
    /// </summary>
    internal static LabeledDag FromLayersAndEdges(IReadOnlyList<int> layerOfVertex, Structure edges)
    {
        if (edges.VertexCount != layerOfVertex.Count)
        {
            throw new ArgumentException($"The edges are on {edges.VertexCount} vertices but {layerOfVertex.Count} layers are given.", nameof(edges));
        }

        var graph = new LabeledDag();
        for (var vertex = 0; vertex < layerOfVertex.Count; vertex++)
        {
            var layer = layerOfVertex[vertex];
            CheckLayer(layer, nameof(layerOfVertex));
            graph._layerOfVertex.Add(layer);
            if (!graph._verticesByLayer.TryGetValue(layer, out var members))
            {
                members = new List<int>();
                graph._verticesByLayer.Add(layer, members);
            }

            members.Add(vertex);
        }

        graph._assignment.LayersChanged();
        graph._deferredEdges = edges;
        return graph;
    }

    /// <inheritdoc />
    public override Structure ToStructure() => _deferredEdges ?? base.ToStructure();

    internal override StructureLayering ToLayering() =>
        _deferredEdges is null ? base.ToLayering() : StructureLayering.OfStructure(_deferredEdges);

    private protected override void MaterializeGraph(BidirectionalGraph<int, SEquatableEdge<int>> graph)
    {
        if (_deferredEdges is null)
        {
            return;
        }

        var edges = _deferredEdges;
        _deferredEdges = null;
        AddStructure(graph, edges);
    }
}
