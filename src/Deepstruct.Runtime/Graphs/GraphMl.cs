using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using Deepstruct.Export;
using Deepstruct.Structures;

namespace Deepstruct.Graphs;

/// <summary>
/// A small GraphML writer and reader on <see cref="System.Xml"/>. QuikGraph's own GraphML support
/// (QuikGraph.Serialization) is a separate package that the package feed used here does not serve,
/// and it needs reflection-based attribute mapping we have no use for; what a layered graph needs —
/// vertices, edges and a <c>layer</c> attribute — fits in a streaming writer and reader that run in
/// O(V + E) and produce files that networkx (<c>read_graphml</c>) and Gephi open.
/// </summary>
internal static class GraphMl
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";
    private const string LayerKey = "d0";

    /// <summary>
    /// Writes the graph whole or not at all: into a temporary file beside <paramref name="path"/>, which
    /// then replaces it, so a failure half-way never leaves a truncated file under the real name.
    /// Vertices are written as <c>0..n-1</c> in the graph's vertex order (as deepstruct's <c>save</c>
    /// relabels), each with its layer.
    /// </summary>
    public static void Write(LayeredGraph graph, string path) => AtomicFile.Write(path, stream => WriteTo(graph, stream));

    /// <summary>
    /// Reads the first-level graph of a GraphML file, as networkx does: vertices numbered in the order
    /// their <c>node</c> elements appear, then endpoints of edges that no <c>node</c> declares, in the
    /// order of the edges; a graph without <c>edgedefault="directed"</c> is undirected. Attributes
    /// (the layer too) are not read: layers follow from the edges.
    /// </summary>
    public static (int VertexCount, List<Edge> Edges, bool Directed) Read(string path)
    {
        var (vertexCount, edges, directed, _) = ReadWithLayers(path);
        return (vertexCount, edges, directed);
    }

    /// <summary>
    /// Reads as <see cref="Read"/> does, and also each vertex's value of the node attribute named
    /// <c>layer</c>: null for a vertex without one, or when the file declares no such attribute. Values
    /// are read per <c>data</c> element of a <c>node</c>, by the ids of the keys named <c>layer</c> that
    /// apply to nodes (<c>for="node"</c> or <c>"all"</c>); data of edges, of the graph, and of other keys
    /// are ignored. An empty <c>data</c> element gives no value, like a missing one.
    /// </summary>
    public static (int VertexCount, List<Edge> Edges, bool Directed, int?[] Layers) ReadWithLayers(string path)
    {
        var fullPath = CheckPath(path);
        var numberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var layerOfNode = new Dictionary<int, int>();
        var layerKeys = new HashSet<string>(StringComparer.Ordinal);
        var edgeEnds = new List<(string Source, string Target)>();
        bool? directed = null;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(fullPath, settings);
            var graphDepth = -1;
            var currentNode = -1;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "node" && reader.Depth == graphDepth + 1)
                {
                    currentNode = -1;
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "key" when reader.GetAttribute("attr.name") == "layer" && reader.GetAttribute("for") is "node" or "all" or null:
                        layerKeys.Add(Required(fullPath, reader, "id"));
                        break;
                    case "data" when currentNode >= 0 && reader.Depth == graphDepth + 2 && reader.GetAttribute("key") is { } key && layerKeys.Contains(key):
                        if (ReadLayer(fullPath, reader) is { } layer)
                        {
                            layerOfNode[currentNode] = layer;
                        }

                        break;
                    case "graph" when graphDepth < 0 && directed is null:
                        graphDepth = reader.Depth;
                        directed = reader.GetAttribute("edgedefault") == "directed";
                        break;
                    case "graph":
                        throw Invalid(fullPath, reader, directed is null ? "a graph inside a graph" : "a second graph", "nested and multiple graphs are not supported");
                    case "hyperedge":
                        throw Invalid(fullPath, reader, "a hyperedge", "a layered graph has only edges between two vertices");
                    case "node" when reader.Depth == graphDepth + 1:
                        var id = Required(fullPath, reader, "id");
                        numberOf.TryAdd(id, numberOf.Count);
                        currentNode = reader.IsEmptyElement ? -1 : numberOf[id];
                        break;
                    case "edge" when reader.Depth == graphDepth + 1:
                        edgeEnds.Add((Required(fullPath, reader, "source"), Required(fullPath, reader, "target")));
                        break;
                }
            }
        }
        catch (XmlException exception)
        {
            throw new ArgumentException($"{fullPath} is not well-formed XML: {exception.Message}", nameof(path), exception);
        }

        if (directed is null)
        {
            throw new ArgumentException($"{fullPath} has no <graph> element, so it is not a GraphML graph.", nameof(path));
        }

        var edges = new List<Edge>(edgeEnds.Count);
        foreach (var (source, target) in edgeEnds)
        {
            numberOf.TryAdd(source, numberOf.Count);
            numberOf.TryAdd(target, numberOf.Count);
            edges.Add(new Edge(numberOf[source], numberOf[target]));
        }

        var layers = new int?[numberOf.Count];
        foreach (var pair in layerOfNode)
        {
            layers[pair.Key] = pair.Value;
        }

        return (numberOf.Count, edges, directed.Value, layers);
    }

    private static void WriteTo(LayeredGraph graph, Stream stream)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var writer = XmlWriter.Create(stream, settings);
        var numberOf = new Dictionary<int, int>(graph.VertexCount);
        foreach (var vertex in graph.Vertices)
        {
            numberOf.Add(vertex, numberOf.Count);
        }

        writer.WriteStartDocument();
        writer.WriteStartElement("graphml", Namespace);
        writer.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        writer.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", Namespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        writer.WriteStartElement("key", Namespace);
        writer.WriteAttributeString("id", LayerKey);
        writer.WriteAttributeString("for", "node");
        writer.WriteAttributeString("attr.name", "layer");
        writer.WriteAttributeString("attr.type", "int");
        writer.WriteEndElement();
        writer.WriteStartElement("graph", Namespace);
        writer.WriteAttributeString("id", "G");
        writer.WriteAttributeString("edgedefault", "directed");
        foreach (var vertex in graph.Vertices)
        {
            writer.WriteStartElement("node", Namespace);
            writer.WriteAttributeString("id", numberOf[vertex].ToString(CultureInfo.InvariantCulture));
            writer.WriteStartElement("data", Namespace);
            writer.WriteAttributeString("key", LayerKey);
            writer.WriteString(graph.GetLayer(vertex).ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        foreach (var edge in graph.Edges)
        {
            writer.WriteStartElement("edge", Namespace);
            writer.WriteAttributeString("source", numberOf[edge.Source].ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("target", numberOf[edge.Target].ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static string CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"path must name a file, but was '{path}'.", nameof(path));
        }

        return Path.GetFullPath(path);
    }

    /// <summary>
    /// The layer a <c>data</c> element gives, leaving the reader on its end: null when it is empty or
    /// holds only white space (as if it were missing: networkx writes no value that way, and a value
    /// taken from a later element would land on the wrong vertex).
    /// </summary>
    private static int? ReadLayer(string path, XmlReader reader)
    {
        var line = LineOf(reader);
        if (reader.IsEmptyElement)
        {
            return null;
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.Element:
                    throw Invalid(path, LineOf(reader), $"a <{reader.LocalName}> inside a layer's <data>", "a layer is an integer of at least 0");
            }
        }

        var value = text.ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var layer) || layer < 0)
        {
            throw Invalid(path, line, $"the layer '{value}'", "a layer is an integer of at least 0");
        }

        return layer;
    }

    private static string Required(string path, XmlReader reader, string attribute) =>
        reader.GetAttribute(attribute) ?? throw Invalid(path, reader, $"a <{reader.LocalName}> without '{attribute}'", $"every {reader.LocalName} needs one");

    private static ArgumentException Invalid(string path, XmlReader reader, string what, string why) => Invalid(path, LineOf(reader), what, why);

    private static ArgumentException Invalid(string path, int line, string what, string why) =>
        new($"{path}, line {line}: {what}; {why}.", nameof(path));

    private static int LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
