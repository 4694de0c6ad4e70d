using System;
using System.Globalization;
using Deepstruct.Structures;

namespace Deepstruct.Graphs;

public sealed partial class LabeledDag
{
    /// <summary>
    /// Loads a GraphML file as a labeled DAG, keeping the layers the file gives in a node attribute
    /// named <c>layer</c> (as <see cref="LayeredGraph.Save"/> writes it), so saving and loading a
    /// <see cref="LabeledDag"/> gives back its vertices, edges and layers. Vertices are numbered
    /// <c>0..n-1</c> in the order the file declares them. Only <c>data</c> elements of a <c>node</c>
    /// count, for a key named <c>layer</c> declared for nodes or for all; an empty one gives no layer.
    /// When the file gives no layer for some vertex, every layer is computed from the edges instead
    /// (as <see cref="LayeredGraph.Load"/> does).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The file is not GraphML, holds a directed cycle, or an edge that does not go from a lower to a
    /// higher layer.
    /// </exception>
    public static new LabeledDag Load(string path)
    {
        var (vertexCount, edges, directed, layers) = GraphMl.ReadWithLayers(path);
        Structure structure;
        try
        {
            structure = directed ? Structure.Create(vertexCount, edges) : Structure.FromUndirected(vertexCount, edges);
        }
        catch (StructureCycleException exception)
        {
            throw new ArgumentException($"{path} does not hold a DAG: {exception.Message}", nameof(path), exception);
        }

        var layerOfVertex = new int[vertexCount];
        var complete = Array.TrueForAll(layers, layer => layer.HasValue);
        for (var vertex = 0; vertex < vertexCount; vertex++)
        {
            layerOfVertex[vertex] = complete ? layers[vertex]!.Value : structure.LayerOf(vertex);
        }

        foreach (var edge in structure.Edges)
        {
            if (layerOfVertex[edge.Source] >= layerOfVertex[edge.Target])
            {
                throw new ArgumentException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}: the edge {1} -> {2} goes from layer {3} to layer {4}; in a labeled DAG edges go from a lower to a higher layer.",
                        path,
                        edge.Source,
                        edge.Target,
                        layerOfVertex[edge.Source],
                        layerOfVertex[edge.Target]),
                    nameof(path));
            }
        }

        return FromLayersAndEdges(layerOfVertex, structure);
    }
}
