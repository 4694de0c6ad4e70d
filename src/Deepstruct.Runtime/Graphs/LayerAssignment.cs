using System;
using System.Collections.Generic;
using System.Globalization;

namespace Deepstruct.Graphs;

/// <summary>Which layer each vertex of a <see cref="LayeredGraph"/> is in, and the vertices of each layer.</summary>
internal abstract class LayerAssignment
{
    /// <summary>The layers that hold vertices, ascending.</summary>
    public abstract IReadOnlyList<int> Layers { get; }

    /// <summary>The layer of <paramref name="vertex"/>, or false when it is not a vertex.</summary>
    public abstract bool TryGetLayer(int vertex, out int layer);

    /// <summary>The vertices of <paramref name="layer"/>, ascending, or false when the layer holds none.</summary>
    public abstract bool TryGetVertices(int layer, out IReadOnlyList<int> vertices);

    public int LayerOf(int vertex)
    {
        if (!TryGetLayer(vertex, out var layer))
        {
            throw new ArgumentOutOfRangeException(nameof(vertex), vertex, string.Format(CultureInfo.InvariantCulture, "vertex = {0} is not a vertex of this graph.", vertex));
        }

        return layer;
    }

    public IReadOnlyList<int> VerticesOf(int layer)
    {
        if (!TryGetVertices(layer, out var vertices))
        {
            throw new ArgumentOutOfRangeException(
                nameof(layer), layer, string.Format(CultureInfo.InvariantCulture, "layer = {0} is not a layer of this graph; its layers are [{1}].", layer, Describe(Layers)));
        }

        return vertices;
    }

    private static string Describe(IReadOnlyList<int> layers) =>
        layers.Count <= 8
            ? string.Join(", ", layers)
            : string.Format(CultureInfo.InvariantCulture, "{0}, {1}, …, {2}", layers[0], layers[1], layers[layers.Count - 1]);
}
