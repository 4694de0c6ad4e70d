using System;
using System.Collections.Generic;
using System.Globalization;
using QuikGraph;

namespace Deepstruct.Graphs;

/// <summary>
/// A DAG whose vertices are always <c>0..n-1</c>, numbered as they are added, each placed in a layer
/// when it is added (deepstruct's <c>LabeledDAG</c>; graph extraction produces these). An edge must go
/// from a lower to a higher layer, so the graph can never have a cycle.
/// </summary>
/// <remarks>
/// Layers are the ones given when vertices are added, not recomputed from the edges; they may skip
/// numbers. <see cref="LayeredGraph.ToStructure"/> computes the core's layer index from the edges,
/// which is what a model built on the graph uses; the two agree whenever every vertex above layer 0
/// sits one layer above its highest predecessor (as after <see cref="AddEdge"/> and <see cref="Append"/>).
/// </remarks>
public sealed partial class LabeledDag : LayeredGraph
{
    private readonly List<int> _layerOfVertex = new();
    private readonly Dictionary<int, List<int>> _verticesByLayer = new();
    private readonly ExplicitLayers _assignment;

    /// <summary>Creates an empty graph.</summary>
    public LabeledDag()
    {
        _assignment = new ExplicitLayers(this);
    }

    private protected override LayerAssignment Assignment => _assignment;

    /// <summary>Adds a vertex into <paramref name="layer"/> and returns its number, the number of vertices before.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is negative.</exception>
    public int AddVertex(int layer = 0)
    {
        CheckLayer(layer, nameof(layer));
        var vertex = _layerOfVertex.Count;
        _layerOfVertex.Add(layer);
        if (!_verticesByLayer.TryGetValue(layer, out var members))
        {
            members = new List<int>();
            _verticesByLayer.Add(layer, members);
            _assignment.LayersChanged();
        }

        members.Add(vertex);
        Graph.AddVertex(vertex);
        return vertex;
    }

    /// <summary>Adds <paramref name="count"/> vertices into <paramref name="layer"/> and returns their numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="layer"/> is negative.</exception>
    public int[] AddVertices(int count, int layer = 0)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Format(CultureInfo.InvariantCulture, "count must be at least 1, but was {0}.", count));
        }

        CheckLayer(layer, nameof(layer));
        var added = new int[count];
        for (var i = 0; i < count; i++)
        {
            added[i] = AddVertex(layer);
        }

        return added;
    }

    /// <summary>
    /// Adds the edge <paramref name="source"/> → <paramref name="target"/> and returns the vertices it
    /// joins. An end that is not a vertex yet is added as a new vertex with the next number: the source
    /// into <paramref name="sourceLayer"/> (default 0), the target into <paramref name="targetLayer"/>
    /// (default one layer above the source, at least 1). An edge already present is left alone.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The edge would not go from a lower to a higher layer; then nothing is added (deepstruct adds the
    /// missing end points before it refuses the edge).
    /// </exception>
    public (int Source, int Target) AddEdge(int source, int target, int? sourceLayer = null, int? targetLayer = null)
    {
        var sourceExists = IsVertex(source);
        var targetExists = IsVertex(target);
        var layerOfSource = sourceExists ? _layerOfVertex[source] : sourceLayer ?? 0;
        var layerOfTarget = targetExists ? _layerOfVertex[target] : targetLayer ?? Math.Max(1, layerOfSource + 1);
        if (!sourceExists)
        {
            CheckLayer(layerOfSource, nameof(sourceLayer));
        }

        if (!targetExists)
        {
            CheckLayer(layerOfTarget, nameof(targetLayer));
        }

        if (layerOfSource >= layerOfTarget)
        {
            var sourceName = sourceExists ? source.ToString(CultureInfo.InvariantCulture) : "new vertex";
            var targetName = targetExists ? target.ToString(CultureInfo.InvariantCulture) : "new vertex";
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Edges must go from a lower to a higher layer, but the edge {0} -> {1} goes from layer {2} to layer {3}.",
                    sourceName,
                    targetName,
                    layerOfSource,
                    layerOfTarget),
                targetExists ? nameof(target) : nameof(targetLayer));
        }

        var from = sourceExists ? source : AddVertex(layerOfSource);
        var to = targetExists ? target : AddVertex(layerOfTarget);
        if (!(sourceExists && targetExists && Graph.ContainsEdge(from, to)))
        {
            Graph.AddEdge(new SEquatableEdge<int>(from, to));
        }
        return (from, to);
    }

    /// <summary>
    /// Adds each edge as <see cref="AddEdge"/> does; a number that is not a vertex names one new vertex
    /// for the whole call, so <c>(9, 10), (10, 11)</c> on an empty graph gives the path 0 → 1 → 2
    /// (deepstruct keeps separate names for sources and targets). Returns the vertices each edge joins.
    /// </summary>
    /// <exception cref="ArgumentException">An edge would not go from a lower to a higher layer; the edges before it stay.</exception>
    public IReadOnlyList<(int Source, int Target)> AddEdgesFrom(IEnumerable<(int Source, int Target)> edges, int? sourceLayer = null, int? targetLayer = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var newVertexOf = new Dictionary<int, int>();
        var added = new List<(int Source, int Target)>();
        foreach (var (source, target) in edges)
        {
            // A name given to a new vertex earlier in the call wins over a vertex that later got that number.
            var from = newVertexOf.TryGetValue(source, out var mappedSource) ? mappedSource : IsVertex(source) ? source : -1;
            var to = newVertexOf.TryGetValue(target, out var mappedTarget) ? mappedTarget : IsVertex(target) ? target : -1;
            var edge = AddEdge(from, to, sourceLayer, targetLayer);
            if (from < 0)
            {
                newVertexOf[source] = edge.Source;
            }

            if (to < 0)
            {
                newVertexOf[target] = edge.Target;
            }

            added.Add(edge);
        }

        return added;
    }

    /// <summary>The position of <paramref name="vertex"/> within its layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vertex"/> is not a vertex.</exception>
    public int IndexInLayer(int vertex)
    {
        // Vertices join their layer in ascending order, so the list is sorted.
        return _verticesByLayer[GetLayer(vertex)].BinarySearch(vertex);
    }

    /// <summary>
    /// Stacks <paramref name="other"/> on this graph (deepstruct's <c>append</c>): other's first layer
    /// merges, position by position, into this graph's last layer; each of other's higher layers becomes
    /// a new layer above, its vertices numbered next in order; other's edges are copied. O(V + E) of other.
    /// </summary>
    /// <exception cref="InvalidOperationException">This graph has no vertex.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> has fewer than two layers, or its first layer is not as large as this graph's last.</exception>
    public void Append(LayeredGraph other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var offset = LastLayer;
        if (other.NumLayers < 2)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "other must have at least two layers to be appended, but has {0}.", other.NumLayers), nameof(other));
        }

        if (other.FirstLayerSize != LastLayerSize)
        {
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "other's first layer has {0} vertices but this graph's last layer has {1}; appending needs equal sizes.",
                    other.FirstLayerSize,
                    LastLayerSize),
                nameof(other));
        }

        // Read everything of other first: other may be this graph.
        var layers = new List<int>(other.Layers);
        var verticesByLayer = new List<IReadOnlyList<int>>(layers.Count);
        foreach (var layer in layers)
        {
            verticesByLayer.Add(new List<int>(other.GetVertices(layer)));
        }

        var edges = new List<SEquatableEdge<int>>(other.Edges);
        var mine = new Dictionary<int, int>(other.VertexCount);
        var boundary = _verticesByLayer[offset];
        for (var i = 0; i < verticesByLayer[0].Count; i++)
        {
            mine[verticesByLayer[0][i]] = boundary[i];
        }

        for (var l = 1; l < layers.Count; l++)
        {
            var ownLayer = offset + (layers[l] - layers[0]);
            foreach (var vertex in verticesByLayer[l])
            {
                mine[vertex] = AddVertex(ownLayer);
            }
        }

        // Other's edges are distinct and its vertices map to distinct ones here; edges into new
        // vertices are new, and other's first layer has no edges within itself: no duplicates arise.
        foreach (var edge in edges)
        {
            Graph.AddEdge(new SEquatableEdge<int>(mine[edge.Source], mine[edge.Target]));
        }
    }

    private bool IsVertex(int vertex) => (uint)vertex < (uint)_layerOfVertex.Count;

    private static void CheckLayer(int layer, string parameterName)
    {
        if (layer < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, layer, string.Format(CultureInfo.InvariantCulture, "{0} must be at least 0, but was {1}.", parameterName, layer));
        }
    }

    /// <summary>The layers as added, with the sorted list of layers kept until a new layer appears.</summary>
    private sealed class ExplicitLayers : LayerAssignment
    {
        private readonly LabeledDag _graph;
        private int[]? _layers;

        public ExplicitLayers(LabeledDag graph) => _graph = graph;

        public override IReadOnlyList<int> Layers
        {
            get
            {
                if (_layers is null)
                {
                    _layers = new int[_graph._verticesByLayer.Count];
                    _graph._verticesByLayer.Keys.CopyTo(_layers, 0);
                    Array.Sort(_layers);
                }

                return _layers;
            }
        }

        public void LayersChanged() => _layers = null;

        public override bool TryGetLayer(int vertex, out int layer)
        {
            var known = _graph.IsVertex(vertex);
            layer = known ? _graph._layerOfVertex[vertex] : -1;
            return known;
        }

        public override bool TryGetVertices(int layer, out IReadOnlyList<int> vertices)
        {
            var known = _graph._verticesByLayer.TryGetValue(layer, out var members);
            vertices = known ? members!.AsReadOnly() : Array.Empty<int>();
            return known;
        }
    }
}
