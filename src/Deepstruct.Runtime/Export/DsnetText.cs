using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Deepstruct.Binding;
using Deepstruct.Graphs;
using Deepstruct.Structures;

namespace Deepstruct.Export;

/// <summary>
/// Writes a layered graph as compact <c>.dsnet</c> text that <see cref="DsnetCompiler"/> compiles
/// back into the same graph, and reads it back. Vertices are declared in index order as blocks, one
/// per run of consecutive vertices in the same layer, named after the layer (<c>layer3</c>, or
/// <c>layer3_part0</c>, <c>layer3_part1</c>, … when a layer's vertices are not consecutive); the
/// names carry the layers, which the language would otherwise compute from the edges. Edges between
/// two blocks are written as one <c>A -> B;</c> when complete, otherwise grouped by source or by
/// target (whichever is shorter) with index ranges, e.g. <c>layer0[0..2], layer0[28..30] -> layer1[0];</c>.
/// </summary>
public static partial class DsnetText
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "namespace", "structure", "model", "vertex", "block", "input", "output", "hidden", "activation",
        "layer_norm", "bias", "cell", "batch_first", "true", "false",
    };

    /// <summary>The graph as <c>structure NAME { … }</c>; vertex <c>i</c> of the text is the graph's <c>i</c>-th vertex in ascending order.</summary>
    /// <exception cref="ArgumentException"><paramref name="structureName"/> is not an identifier.</exception>
    public static string ToStructureText(LayeredGraph graph, string structureName)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckName(structureName, nameof(structureName));
        var layering = graph.ToLayering();
        var structure = layering.Structure;
        var layers = new int[structure.VertexCount];
        for (var index = 0; index < layers.Length; index++)
        {
            layers[index] = graph.GetLayer(layering.LabelOf(index));
        }

        var text = new StringBuilder();
        AppendStructure(text, structureName, layers, structure);
        return text.ToString();
    }

    /// <summary>
    /// A <c>dan</c> model that rebuilds a network wired like the graph's hidden part: the structure
    /// <c>{modelName}Structure</c> holds the vertices between the first and the last layer with their
    /// edges, and the model takes the first layer's size as input and the last layer's as output. A
    /// DAN's input and output maps are dense, so pruned input or output weights come back.
    /// </summary>
    /// <param name="graph">An extracted graph, with an input layer, hidden layers and an output layer.</param>
    /// <param name="modelName">The model's name (its class name when compiled into a project).</param>
    /// <param name="inputShape">The input shape to declare (its product must be the first layer's size); null for the size.</param>
    /// <param name="activation">The hidden activation.</param>
    /// <param name="layerNorm">Whether the model uses layer norm.</param>
    /// <exception cref="ArgumentException">The graph has fewer than three layers, the name is not an identifier, or the shape does not fit.</exception>
    public static string ToModelText(LabeledDag graph, string modelName, long[]? inputShape = null, Activation activation = Activation.ReLU, bool layerNorm = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        CheckName(modelName, nameof(modelName));
        if (graph.NumLayers < 3)
        {
            throw new ArgumentException($"A dan model needs hidden vertices between an input and an output layer, but the graph has {graph.NumLayers} layers.", nameof(graph));
        }

        var first = graph.FirstLayer;
        var last = graph.LastLayer;
        var newIndex = new int[graph.VertexCount];
        var hiddenLayers = new List<int>();
        for (var vertex = 0; vertex < newIndex.Length; vertex++)
        {
            var layer = graph.GetLayer(vertex);
            newIndex[vertex] = layer != first && layer != last ? hiddenLayers.Count : -1;
            if (newIndex[vertex] >= 0)
            {
                hiddenLayers.Add(layer - first - 1);
            }
        }

        var builder = new StructureBuilder(hiddenLayers.Count);
        foreach (var edge in graph.ToStructure().Edges)
        {
            if (newIndex[edge.Source] >= 0 && newIndex[edge.Target] >= 0)
            {
                builder.AddEdge(newIndex[edge.Source], newIndex[edge.Target]);
            }
        }

        var inputSize = graph.FirstLayerSize;
        var shape = inputShape ?? new long[] { inputSize };
        if (shape.Length == 0 || shape.Any(dimension => dimension < 1) || shape.Aggregate(1L, (product, dimension) => product * dimension) != inputSize)
        {
            throw new ArgumentException($"inputShape [{string.Join(", ", shape)}] does not have the first layer's {inputSize} values.", nameof(inputShape));
        }

        var text = new StringBuilder();
        var structureName = modelName + "Structure";
        AppendStructure(text, structureName, hiddenLayers.ToArray(), builder.Build());
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"model {modelName} : dan {{\n");
        text.Append(CultureInfo.InvariantCulture, $"    input {string.Join("x", shape)};\n");
        text.Append(CultureInfo.InvariantCulture, $"    output {graph.LastLayerSize};\n");
        text.Append(CultureInfo.InvariantCulture, $"    structure {structureName};\n");
        if (activation != Activation.ReLU)
        {
            text.Append(CultureInfo.InvariantCulture, $"    activation {Keyword(activation)};\n");
        }

        if (layerNorm)
        {
            text.Append("    layer_norm;\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>
    /// Compiles <paramref name="text"/> and returns its structure <paramref name="structureName"/> as a
    /// labeled DAG: vertices and edges as compiled, layers from block names written by
    /// <see cref="ToStructureText"/> (<c>layerK</c>, <c>layerK_partJ</c>) when they cover every vertex,
    /// otherwise the layers the edges give.
    /// </summary>
    /// <exception cref="ArgumentException">The text has errors (listed), has no such structure, or its named layers do not ascend along an edge.</exception>
    public static LabeledDag ReadStructure(string text, string structureName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(structureName);
        var compilation = DsnetCompiler.Compile(text);
        if (compilation.HasErrors)
        {
            var errors = compilation.Diagnostics.Where(diagnostic => diagnostic.IsError).Take(5).Select(diagnostic => diagnostic.ToString());
            throw new ArgumentException("The .dsnet text has errors: " + string.Join("; ", errors), nameof(text));
        }

        if (!compilation.Structures.TryGetValue(structureName, out var bound))
        {
            throw new ArgumentException(
                $"The .dsnet text has no structure '{structureName}'; it has [{string.Join(", ", compilation.Structures.Keys.OrderBy(key => key, StringComparer.Ordinal))}].",
                nameof(structureName));
        }

        var structure = bound.Structure;
        var layers = LayersFromBlockNames(bound) ?? Enumerable.Range(0, structure.VertexCount).Select(structure.LayerOf).ToArray();
        foreach (var edge in structure.Edges)
        {
            if (layers[edge.Source] >= layers[edge.Target])
            {
                throw new ArgumentException(
                    $"The edge {bound.Label(edge.Source)} -> {bound.Label(edge.Target)} goes from layer {layers[edge.Source]} to layer {layers[edge.Target]}; edges must go to a higher layer.",
                    nameof(text));
            }
        }

        return LabeledDag.FromLayersAndEdges(layers, structure);
    }

    /// <summary>Saves <paramref name="text"/> to <paramref name="path"/>, written whole or not at all.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Save(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        AtomicFile.Write(path, writer => writer.Write(text));
    }

    [GeneratedRegex("^layer([0-9]+)(_part[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LayerBlockName();

    private static int[]? LayersFromBlockNames(BoundStructure bound)
    {
        var layers = new int[bound.Structure.VertexCount];
        var covered = 0;
        foreach (var (name, block) in bound.Blocks)
        {
            var match = LayerBlockName().Match(name);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
            {
                return null;
            }

            layers.AsSpan(block.First, block.Length).Fill(layer);
            covered += block.Length;
        }

        return covered == layers.Length && bound.Vertices.Count == 0 ? layers : null;
    }

    private static void AppendStructure(StringBuilder text, string name, int[] layers, Structure structure)
    {
        var n = layers.Length;
        var blocks = new List<(int First, int Length, string Name)>();
        var blockOf = new int[n];
        var runsOfLayer = new Dictionary<int, int>();
        for (var vertex = 0; vertex < n; vertex++)
        {
            if (vertex == 0 || layers[vertex] != layers[vertex - 1])
            {
                runsOfLayer[layers[vertex]] = runsOfLayer.GetValueOrDefault(layers[vertex]) + 1;
                blocks.Add((vertex, 0, string.Empty));
            }

            blockOf[vertex] = blocks.Count - 1;
            blocks[^1] = (blocks[^1].First, blocks[^1].Length + 1, string.Empty);
        }

        var partOfLayer = new Dictionary<int, int>();
        for (var b = 0; b < blocks.Count; b++)
        {
            var layer = layers[blocks[b].First];
            var blockName = runsOfLayer[layer] == 1
                ? string.Format(CultureInfo.InvariantCulture, "layer{0}", layer)
                : string.Format(CultureInfo.InvariantCulture, "layer{0}_part{1}", layer, partOfLayer[layer] = partOfLayer.GetValueOrDefault(layer, -1) + 1);
            blocks[b] = (blocks[b].First, blocks[b].Length, blockName);
        }

        text.Append(CultureInfo.InvariantCulture, $"// {n} vertices, {structure.EdgeCount} edges in {runsOfLayer.Count} layers; block names carry the layers.\n");
        text.Append(CultureInfo.InvariantCulture, $"structure {name} {{\n");
        for (var b = 0; b < blocks.Count; b += 8)
        {
            var declared = blocks.Skip(b).Take(8).Select(block => string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", block.Name, block.Length));
            text.Append("    block ").Append(string.Join(", ", declared)).Append(";\n");
        }

        // Edges by block pair, in order of the source block, then the target block.
        var pairs = new SortedDictionary<(int Source, int Target), List<(int Source, int Target)>>();
        foreach (var edge in structure.Edges)
        {
            var key = (blockOf[edge.Source], blockOf[edge.Target]);
            if (!pairs.TryGetValue(key, out var list))
            {
                pairs.Add(key, list = new List<(int, int)>());
            }

            list.Add((edge.Source - blocks[key.Item1].First, edge.Target - blocks[key.Item2].First));
        }

        foreach (var ((sourceBlock, targetBlock), edges) in pairs)
        {
            var source = blocks[sourceBlock];
            var target = blocks[targetBlock];
            if (edges.Count == (long)source.Length * target.Length)
            {
                text.Append("    ").Append(source.Name).Append(" -> ").Append(target.Name).Append(";\n");
                continue;
            }

            var bySource = Grouped(edges, source, target, keyIsSource: true);
            var byTarget = Grouped(edges.Select(edge => (edge.Target, edge.Source)).OrderBy(edge => edge).ToList(), target, source, keyIsSource: false);
            text.Append(bySource.Length <= byTarget.Length ? bySource : byTarget);
        }

        text.Append("}\n");
    }

    /// <summary>Statements for edges sorted by key then member: consecutive keys with the same members share one statement.</summary>
    private static string Grouped(List<(int Key, int Member)> edges, (int First, int Length, string Name) keyBlock, (int First, int Length, string Name) memberBlock, bool keyIsSource)
    {
        var text = new StringBuilder();
        string? pendingMembers = null;
        var firstKey = 0;
        var lastKey = 0;
        void Flush()
        {
            if (pendingMembers is null)
            {
                return;
            }

            var keys = Reference(keyBlock, firstKey, lastKey);
            text.Append("    ").Append(keyIsSource ? keys : pendingMembers).Append(" -> ").Append(keyIsSource ? pendingMembers : keys).Append(";\n");
        }

        var i = 0;
        while (i < edges.Count)
        {
            var key = edges[i].Key;
            var members = new StringBuilder();
            while (i < edges.Count && edges[i].Key == key)
            {
                var start = edges[i].Member;
                var end = start;
                i++;
                while (i < edges.Count && edges[i].Key == key && edges[i].Member == end + 1)
                {
                    end++;
                    i++;
                }

                members.Append(members.Length == 0 ? string.Empty : ", ").Append(Reference(memberBlock, start, end));
            }

            var memberText = members.ToString();
            if (pendingMembers is not null && key == lastKey + 1 && memberText == pendingMembers)
            {
                lastKey = key;
                continue;
            }

            Flush();
            pendingMembers = memberText;
            firstKey = lastKey = key;
        }

        Flush();
        return text.ToString();
    }

    private static string Reference((int First, int Length, string Name) block, int first, int last) =>
        first == 0 && last == block.Length - 1 ? block.Name
        : first == last ? string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", block.Name, first)
        : string.Format(CultureInfo.InvariantCulture, "{0}[{1}..{2}]", block.Name, first, last);

    private static string Keyword(Activation activation) => activation switch
    {
        Activation.ReLU => "relu",
        Activation.Tanh => "tanh",
        Activation.Sigmoid => "sigmoid",
        Activation.GELU => "gelu",
        Activation.LeakyReLU => "leaky_relu",
        Activation.ELU => "elu",
        Activation.Identity => "identity",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation."),
    };

    private static void CheckName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IdentifierPattern().IsMatch(name) || Keywords.Contains(name))
        {
            throw new ArgumentException($"{parameterName} must be a .dsnet identifier ([A-Za-z_][A-Za-z0-9_]*, not a keyword), but was '{name}'.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
