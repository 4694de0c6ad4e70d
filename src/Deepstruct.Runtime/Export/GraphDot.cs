using System;
using System.Globalization;
using System.IO;
using System.Text;
using Deepstruct.Graphs;

namespace Deepstruct.Export;

/// <summary>
/// Writes a layered graph in Graphviz DOT: a <c>digraph</c> whose layers are ranks
/// (<c>{ rank=same; … }</c>, laid out left to right), vertices by number, edges as <c>u -> v</c>.
/// </summary>
public static class GraphDot
{
    /// <summary>The graph as DOT text.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="name">The digraph's name.</param>
    public static string ToText(LayeredGraph graph, string name = "G")
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(graph, writer, name);
        return writer.ToString();
    }

    /// <summary>Writes the graph as DOT to <paramref name="writer"/>.</summary>
    public static void Write(LayeredGraph graph, TextWriter writer, string name = "G")
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(name);
        writer.Write("digraph \"");
        writer.Write(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal));
        writer.WriteLine("\" {");
        writer.WriteLine("  rankdir=LR;");
        writer.WriteLine("  node [shape=circle, width=0.2, fixedsize=true, label=\"\"];");
        var line = new StringBuilder();
        foreach (var layer in graph.Layers)
        {
            line.Clear().Append(CultureInfo.InvariantCulture, $"  subgraph layer_{layer} {{ rank=same;");
            foreach (var vertex in graph.GetVertices(layer))
            {
                line.Append(' ').Append(vertex.ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            writer.WriteLine(line.Append(" }").ToString());
        }

        var structure = graph.ToLayering();
        foreach (var edge in structure.Structure.Edges)
        {
            writer.Write("  ");
            writer.Write(structure.LabelOf(edge.Source).ToString(CultureInfo.InvariantCulture));
            writer.Write(" -> ");
            writer.Write(structure.LabelOf(edge.Target).ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(';');
        }

        writer.WriteLine('}');
    }

    /// <summary>Saves the graph as DOT, written whole or not at all (a temporary file, then a move).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Save(LayeredGraph graph, string path, string name = "G") =>
        AtomicFile.Write(path, writer => Write(graph, writer, name));
}
