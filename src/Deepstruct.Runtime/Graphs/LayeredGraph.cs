using System;
using System.Collections.Generic;
using System.Globalization;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Graphs;

/// <summary>
/// A directed acyclic graph on <c>int</c> vertices with a layer index (deepstruct's
/// <c>LayeredGraph</c>): a vertex without predecessors is in layer 0, any other one layer above its
/// highest predecessor. It is a QuikGraph <see cref="IBidirectionalGraph{TVertex, TEdge}"/>, so
/// QuikGraph's algorithms run on it; it changes only through the methods of its subclasses
/// (<see cref="CachedLayeredGraph"/>, <see cref="LabeledDag"/>), which keep the layer index right.
/// </summary>
/// <remarks>
/// Within a layer vertices ascend by vertex number (deepstruct lists them in insertion order).
/// <see cref="ToStructure"/> gives the core <see cref="Structure"/> that models are built from.
/// </remarks>
public abstract partial class LayeredGraph : IBidirectionalGraph<int, SEquatableEdge<int>>
{
    private protected LayeredGraph()
    {
    }

    // QuikGraph's own duplicate check costs O(out-degree) per added edge, which made filling a grown
    // graph quadratic in its block size; subclasses check for duplicates where one can arise instead.
    private readonly BidirectionalGraph<int, SEquatableEdge<int>> _graph = new(allowParallelEdges: true);

    /// <summary>
    /// The vertices and edges, complete; subclasses change them and keep their layer index in step.
    /// Reading it first lets a subclass fill in edges it has deferred (see <see cref="MaterializeGraph"/>).
    /// </summary>
    private protected BidirectionalGraph<int, SEquatableEdge<int>> Graph
    {
        get
        {
            MaterializeGraph(_graph);
            return _graph;
        }
    }

    /// <summary>
    /// Called before every use of <see cref="Graph"/>: a subclass that holds its edges elsewhere until
    /// they are needed (a graph made from a structure) adds them to <paramref name="graph"/> here.
    /// </summary>
    private protected virtual void MaterializeGraph(BidirectionalGraph<int, SEquatableEdge<int>> graph)
    {
    }

    /// <summary>Adds the vertices <c>0 … n − 1</c> and the edges of <paramref name="structure"/> to <paramref name="graph"/>.</summary>
    private protected static void AddStructure(BidirectionalGraph<int, SEquatableEdge<int>> graph, Structure structure)
    {
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            graph.AddVertex(vertex);
        }

        // A structure's edges are distinct, so no duplicate check is needed.
        foreach (var edge in structure.Edges)
        {
            graph.AddEdge(new SEquatableEdge<int>(edge.Source, edge.Target));
        }
    }

    /// <summary>The layer of each vertex, current with the graph.</summary>
    private protected abstract LayerAssignment Assignment { get; }

    /// <summary>The layers that hold vertices, ascending (<c>0 … NumLayers − 1</c> for a graph whose layers follow from its edges).</summary>
    /// <exception cref="StructureCycleException">The edges form a cycle, so there are no layers.</exception>
    public IReadOnlyList<int> Layers => Assignment.Layers;

    /// <summary>The number of layers.</summary>
    public int NumLayers => Assignment.Layers.Count;

    /// <summary>The graph in one line, e.g. <c>LabeledDag: 12 vertices, 20 edges, 4 layers</c> (no layers for a graph with a cycle).</summary>
    public override string ToString()
    {
        var text = string.Format(CultureInfo.InvariantCulture, "{0}: {1} vertices, {2} edges", GetType().Name, VertexCount, EdgeCount);
        try
        {
            return text + string.Format(CultureInfo.InvariantCulture, ", {0} layers", NumLayers);
        }
        catch (StructureCycleException)
        {
            return text + ", with a cycle";
        }
    }

    /// <summary>The lowest layer.</summary>
    /// <exception cref="InvalidOperationException">The graph has no vertex.</exception>
    public int FirstLayer => NonEmptyLayers()[0];

    /// <summary>The highest layer.</summary>
    /// <exception cref="InvalidOperationException">The graph has no vertex.</exception>
    public int LastLayer => NonEmptyLayers()[^1];

    /// <summary>The number of vertices in the lowest layer.</summary>
    /// <exception cref="InvalidOperationException">The graph has no vertex.</exception>
    public int FirstLayerSize => GetLayerSize(FirstLayer);

    /// <summary>The number of vertices in the highest layer.</summary>
    /// <exception cref="InvalidOperationException">The graph has no vertex.</exception>
    public int LastLayerSize => GetLayerSize(LastLayer);

    /// <summary>The layer of <paramref name="vertex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vertex"/> is not a vertex.</exception>
    public int GetLayer(int vertex) => Assignment.LayerOf(vertex);

    /// <summary>The vertices of <paramref name="layer"/>, ascending.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> holds no vertex.</exception>
    public IReadOnlyList<int> GetVertices(int layer) => Assignment.VerticesOf(layer);

    /// <summary>The number of vertices in <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> holds no vertex.</exception>
    public int GetLayerSize(int layer) => Assignment.VerticesOf(layer).Count;

    /// <summary>Whether an edge joins the two layers (from the lower to the higher; the order of the arguments does not matter).</summary>
    /// <exception cref="ArgumentException">The layers are equal (a layer has no edges within itself) or one holds no vertex.</exception>
    public bool LayerConnected(int layer1, int layer2) => CountLayerConnections(layer1, layer2, stopAtFirst: true) > 0;

    /// <summary>The number of edges from the lower of the two layers to the higher.</summary>
    /// <exception cref="ArgumentException">The layers are equal (a layer has no edges within itself) or one holds no vertex.</exception>
    public int LayerConnectionSize(int layer1, int layer2) => CountLayerConnections(layer1, layer2, stopAtFirst: false);

    /// <summary>
    /// The graph as a core <see cref="Structure"/>: vertices renumbered <c>0..n-1</c> in ascending
    /// order (unchanged when they already are <c>0..n-1</c>), layer index computed by the core in O(V + E).
    /// </summary>
    /// <exception cref="StructureCycleException">The edges form a cycle.</exception>
    public virtual Structure ToStructure() => ComputeLayering().Structure;

    /// <summary>The structure of <see cref="ToStructure"/> and where each vertex went in it.</summary>
    internal virtual StructureLayering ToLayering() => ComputeLayering();

    /// <summary>Computes the layering of the current vertices and edges from scratch.</summary>
    private protected StructureLayering ComputeLayering() =>
        StructureLayering.Compute(Graph.Vertices as ICollection<int> ?? new List<int>(Graph.Vertices), Graph.EdgeCount, EdgePairs());

    private IEnumerable<(int Source, int Target)> EdgePairs()
    {
        foreach (var edge in Graph.Edges)
        {
            yield return (edge.Source, edge.Target);
        }
    }

    private IReadOnlyList<int> NonEmptyLayers()
    {
        var layers = Assignment.Layers;
        if (layers.Count == 0)
        {
            throw new InvalidOperationException("The graph has no vertex, so it has no layers.");
        }

        return layers;
    }

    private int CountLayerConnections(int layer1, int layer2, bool stopAtFirst)
    {
        if (layer1 == layer2)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "layer1 and layer2 are both {0}; a layer has no edges within itself.", layer1), nameof(layer2));
        }

        var (lower, higher) = layer1 < layer2 ? (layer1, layer2) : (layer2, layer1);
        var assignment = Assignment;
        _ = assignment.VerticesOf(higher); // refuses a layer that holds no vertex, as for the lower one below
        var count = 0;
        foreach (var source in assignment.VerticesOf(lower))
        {
            foreach (var edge in Graph.OutEdges(source))
            {
                if (assignment.LayerOf(edge.Target) == higher)
                {
                    count++;
                    if (stopAtFirst)
                    {
                        return count;
                    }
                }
            }
        }

        return count;
    }
}
