using System;
using Deepstruct.Structures;

namespace Deepstruct.Graphs;

public abstract partial class LayeredGraph
{
    /// <summary>
    /// Saves the graph as GraphML (readable by networkx and Gephi): vertices renumbered <c>0..n-1</c> in
    /// vertex order as deepstruct's <c>save</c> does, each with an integer <c>layer</c> attribute. The
    /// file is written whole or not at all.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="System.IO.DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="StructureCycleException">The edges form a cycle, so there are no layers to write.</exception>
    public void Save(string path) => GraphMl.Write(this, path);

    /// <summary>
    /// Loads a GraphML file (deepstruct's <c>load</c>): vertices numbered <c>0..n-1</c> in the order the
    /// file declares them; an undirected graph is oriented from the lower to the higher number. Layers
    /// are computed from the edges; attributes are not read.
    /// </summary>
    /// <exception cref="ArgumentException">The file is not GraphML, holds several or nested graphs or hyperedges, or a directed cycle.</exception>
    public static CachedLayeredGraph Load(string path)
    {
        var (vertexCount, edges, directed) = GraphMl.Read(path);
        try
        {
            return CachedLayeredGraph.Create(directed ? Structure.Create(vertexCount, edges) : Structure.FromUndirected(vertexCount, edges));
        }
        catch (StructureCycleException exception)
        {
            throw new ArgumentException($"{path} does not hold a DAG: {exception.Message}", nameof(path), exception);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"{path} does not hold a layered graph: {exception.Message}", nameof(path), exception);
        }
    }
}
