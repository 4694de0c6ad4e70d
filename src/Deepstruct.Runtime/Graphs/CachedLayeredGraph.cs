using System;
using System.Collections.Generic;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Graphs;

/// <summary>
/// A layered graph built by adding vertices and edges (deepstruct's <c>CachedLayeredGraph</c>): the
/// layer index follows from the edges, is computed by the structure core on first use in O(V + E),
/// kept, and recomputed only after a change.
/// </summary>
/// <example>
/// <code>
/// var structure = new CachedLayeredGraph();
/// structure.AddNodesFrom(Enumerable.Range(0, 20));
/// var dan = new MaskedDeepDan(5, 2, structure.ToStructure());
/// </code>
/// </example>
public sealed class CachedLayeredGraph : LayeredGraph
{
    private StructureLayering? _layering;

    // A graph made from a structure answers layer queries and ToStructure from the structure alone;
    // its QuikGraph vertices and edges are filled in only when something reads or changes them, so
    // growing a network or loading a graph for a model costs no more than the structure itself.
    private Structure? _deferred;

    /// <summary>Creates an empty graph.</summary>
    public CachedLayeredGraph()
    {
    }

    private protected override LayerAssignment Assignment => Layering;

    private StructureLayering Layering => _layering ??= ComputeLayering();

    /// <summary>Adds <paramref name="vertex"/> unless it is present already (as networkx's <c>add_node</c>).</summary>
    public void AddNode(int vertex)
    {
        if (Graph.AddVertex(vertex))
        {
            _layering = null;
        }
    }

    /// <summary>Adds each vertex not present yet, in order.</summary>
    public void AddNodesFrom(IEnumerable<int> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        foreach (var vertex in vertices)
        {
            AddNode(vertex);
        }
    }

    /// <summary>
    /// Adds the edge <paramref name="source"/> → <paramref name="target"/>, and either end that is not a
    /// vertex yet (as networkx's <c>add_edge</c>); an edge already present is left alone. A cycle is
    /// reported when the layers are next needed, as a <see cref="StructureCycleException"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The edge is a self-loop.</exception>
    public void AddEdge(int source, int target)
    {
        if (source == target)
        {
            throw new ArgumentException($"The edge {source} -> {target} is a self-loop; a layered graph is acyclic.", nameof(target));
        }

        if (!Graph.ContainsEdge(source, target))
        {
            Graph.AddVerticesAndEdge(new SEquatableEdge<int>(source, target));
            _layering = null;
        }
    }

    /// <summary>Adds each edge as <see cref="AddEdge"/> does.</summary>
    /// <exception cref="ArgumentException">An edge is a self-loop.</exception>
    public void AddEdgesFrom(IEnumerable<(int Source, int Target)> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var (source, target) in edges)
        {
            AddEdge(source, target);
        }
    }

    /// <summary>Removes <paramref name="vertex"/> and its edges; false when it was not a vertex.</summary>
    public bool RemoveNode(int vertex)
    {
        var removed = Graph.RemoveVertex(vertex);
        _layering = removed ? null : _layering;
        return removed;
    }

    /// <summary>Removes the edge <paramref name="source"/> → <paramref name="target"/>; false when it was not there.</summary>
    public bool RemoveEdge(int source, int target)
    {
        var removed = Graph.RemoveEdge(new SEquatableEdge<int>(source, target));
        _layering = removed ? null : _layering;
        return removed;
    }

    /// <inheritdoc />
    public override Structure ToStructure() => Layering.Structure;

    internal override StructureLayering ToLayering() => Layering;

    /// <summary>The graph of <paramref name="structure"/>: vertices <c>0..n-1</c>, its edges, and its layer index (not recomputed).</summary>
    internal static CachedLayeredGraph Create(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        return new CachedLayeredGraph
        {
            _layering = StructureLayering.OfStructure(structure),
            _deferred = structure,
        };
    }

    private protected override void MaterializeGraph(BidirectionalGraph<int, SEquatableEdge<int>> graph)
    {
        if (_deferred is null)
        {
            return;
        }

        var structure = _deferred;
        _deferred = null;
        AddStructure(graph, structure);
    }
}
