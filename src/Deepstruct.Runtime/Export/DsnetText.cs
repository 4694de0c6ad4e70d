using System;
using System.Collections.Generic;
using System.Linq;
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
/// The text is written by the language's own <see cref="DsnetWriter"/>.
/// </summary>
public static class DsnetText
{
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

        return DsnetWriter.WriteLayeredStructure(structureName, structure, layers);
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

        var structureName = modelName + "Structure";
        return DsnetWriter.WriteLayeredStructure(structureName, builder.Build(), hiddenLayers) + Environment.NewLine
            + DsnetWriter.WriteDanModel(modelName, shape, graph.LastLayerSize, structureName, activation, layerNorm);
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
        var layers = DsnetWriter.LayersFromBlockNames(bound) ?? Enumerable.Range(0, structure.VertexCount).Select(structure.LayerOf).ToArray();
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

    private static void CheckName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!DsnetWriter.IsName(name))
        {
            throw new ArgumentException($"{parameterName} must be a .dsnet identifier ([A-Za-z_][A-Za-z0-9_]*, not a keyword), but was '{name}'.", parameterName);
        }
    }
}
