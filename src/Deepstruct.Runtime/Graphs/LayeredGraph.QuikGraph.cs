using System.Collections.Generic;
using QuikGraph;

namespace Deepstruct.Graphs;

// QuikGraph's read-only view, delegated to the graph inside: algorithms can read a layered graph,
// but changes go through the subclasses so the layer index stays right.
public abstract partial class LayeredGraph
{
    /// <summary>Always true: edges have a direction.</summary>
    public bool IsDirected => true;

    /// <summary>Always false: an edge is present once at most.</summary>
    public bool AllowParallelEdges => false;

    /// <summary>Whether the graph has no vertex.</summary>
    public bool IsVerticesEmpty => Graph.IsVerticesEmpty;

    /// <summary>The number of vertices.</summary>
    public int VertexCount => Graph.VertexCount;

    /// <summary>The vertices, in the order they were added.</summary>
    public IEnumerable<int> Vertices => Graph.Vertices;

    /// <summary>Whether the graph has no edge.</summary>
    public bool IsEdgesEmpty => Graph.IsEdgesEmpty;

    /// <summary>The number of edges.</summary>
    public int EdgeCount => Graph.EdgeCount;

    /// <summary>The edges.</summary>
    public IEnumerable<SEquatableEdge<int>> Edges => Graph.Edges;

    /// <summary>Whether <paramref name="vertex"/> is a vertex.</summary>
    public bool ContainsVertex(int vertex) => Graph.ContainsVertex(vertex);

    /// <summary>Whether the edge <paramref name="source"/> → <paramref name="target"/> exists.</summary>
    public bool ContainsEdge(int source, int target) => Graph.ContainsEdge(source, target);

    /// <summary>Whether <paramref name="edge"/> exists.</summary>
    public bool ContainsEdge(SEquatableEdge<int> edge) => Graph.ContainsEdge(edge);

    /// <summary>The edges leaving <paramref name="vertex"/>.</summary>
    public IEnumerable<SEquatableEdge<int>> OutEdges(int vertex) => Graph.OutEdges(vertex);

    /// <summary>The edges entering <paramref name="vertex"/>.</summary>
    public IEnumerable<SEquatableEdge<int>> InEdges(int vertex) => Graph.InEdges(vertex);

    /// <summary>The number of edges leaving <paramref name="vertex"/>.</summary>
    public int OutDegree(int vertex) => Graph.OutDegree(vertex);

    /// <summary>The number of edges entering <paramref name="vertex"/>.</summary>
    public int InDegree(int vertex) => Graph.InDegree(vertex);

    /// <summary>The number of edges at <paramref name="vertex"/>, entering or leaving.</summary>
    public int Degree(int vertex) => Graph.Degree(vertex);

    /// <inheritdoc />
    bool IImplicitGraph<int, SEquatableEdge<int>>.IsOutEdgesEmpty(int vertex) => Graph.IsOutEdgesEmpty(vertex);

    /// <inheritdoc />
    bool IImplicitGraph<int, SEquatableEdge<int>>.TryGetOutEdges(int vertex, out IEnumerable<SEquatableEdge<int>> edges) => Graph.TryGetOutEdges(vertex, out edges);

    /// <inheritdoc />
    SEquatableEdge<int> IImplicitGraph<int, SEquatableEdge<int>>.OutEdge(int vertex, int index) => Graph.OutEdge(vertex, index);

    /// <inheritdoc />
    bool IIncidenceGraph<int, SEquatableEdge<int>>.TryGetEdge(int source, int target, out SEquatableEdge<int> edge) => Graph.TryGetEdge(source, target, out edge);

    /// <inheritdoc />
    bool IIncidenceGraph<int, SEquatableEdge<int>>.TryGetEdges(int source, int target, out IEnumerable<SEquatableEdge<int>> edges) => Graph.TryGetEdges(source, target, out edges);

    /// <inheritdoc />
    bool IBidirectionalIncidenceGraph<int, SEquatableEdge<int>>.IsInEdgesEmpty(int vertex) => Graph.IsInEdgesEmpty(vertex);

    /// <inheritdoc />
    bool IBidirectionalIncidenceGraph<int, SEquatableEdge<int>>.TryGetInEdges(int vertex, out IEnumerable<SEquatableEdge<int>> edges) => Graph.TryGetInEdges(vertex, out edges);

    /// <inheritdoc />
    SEquatableEdge<int> IBidirectionalIncidenceGraph<int, SEquatableEdge<int>>.InEdge(int vertex, int index) => Graph.InEdge(vertex, index);
}
