using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Turns a pruned model into a new, smaller model of the same kind that computes the same function:
/// neurons that no unmasked path reaches from the input, or that reach the output by none, are removed,
/// and the constants the former compute are folded into the biases they feed.
/// </summary>
/// <remarks>
/// <para>
/// A neuron is kept when an unmasked path leads to it from the input and from it to the output. A
/// neuron no path reaches from the input outputs a constant (act(bias), or a sum of such in a DAN);
/// if it reaches the output, the constant times each outgoing weight is added to the bias of the row it
/// feeds, exactly (in double precision, then rounded to the model's dtype). Masked weights stay masked.
/// </para>
/// <para>
/// The result is a <see cref="MaskedDeepFfn"/> or <see cref="MaskedDeepDan"/>, also for a generated model
/// (whose class derives from one): the compacted sizes differ from the generated class's. Layer norm makes
/// a layer's neurons depend on each other, so a model with <c>UseLayerNorm</c> is refused; so is a model
/// without biases whose activation is not zero at zero (Sigmoid), whose constants could not be folded.
/// </para>
/// </remarks>
public static class Compaction
{
    /// <summary>
    /// Compacts a pruned FFN: each hidden layer keeps its kept neurons, in order. A layer left with none
    /// keeps one placeholder neuron whose weights are all masked (and whose bias is zero), since an FFN
    /// layer cannot be empty; the model then computes a constant, folded into the output bias.
    /// </summary>
    /// <param name="model">The pruned model (a generated FFN too).</param>
    /// <returns>The new model, and a report of what was removed.</returns>
    /// <exception cref="ArgumentException">The model uses layer norm, or has no biases and an activation not zero at zero.</exception>
    public static CompactionResult<MaskedDeepFfn> Compact(MaskedDeepFfn model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hasBias = model.Layers[0].bias is not null;
        Check(model, model.UseLayerNorm, hasBias, model.Activation);
        var analysis = CompactionAnalysis.Of(NeuronGraph.Of(model, nameof(model)));
        var newToOld = analysis.Kept.Select(Indices).Select(kept => kept.Length > 0 ? kept : new[] { -1 }).ToArray();
        var biases = analysis.FoldedBiases(_ => true);
        var compacted = new MaskedDeepFfn(model.InputShape.ToArray(), model.OutputSize, newToOld.Select(list => list.Length).ToArray(), useLayerNorm: false, model.Activation, hasBias);
        try
        {
            Place(compacted, model);
            for (var i = 0; i < compacted.Layers.Count; i++)
            {
                var rows = i < newToOld.Length ? newToOld[i] : Identity(model.OutputSize);
                var columns = i == 0 ? Identity(model.InputSize) : newToOld[i - 1];
                WriteMap(compacted.Layers[i], analysis, i, rows, columns, biases[i]);
            }

            return Result(model, compacted, analysis, newToOld);
        }
        catch
        {
            compacted.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compacts a pruned DAN onto a smaller structure in which every surviving vertex keeps its layer:
    /// a DAN's function depends on which layer each predecessor is in (the main map from the layer below
    /// and each skip map are activated separately). The new structure has the unmasked edges between
    /// kept vertices; since a structure's layers are its longest paths, a kept vertex that lost every
    /// edge from the layer below gets a placeholder edge from that layer's first vertex, whose weight is
    /// masked, and a layer left empty below such a vertex (or the last layer, if nothing reaches the
    /// output) gets a placeholder vertex whose weights are all masked. So the layer count is kept.
    /// </summary>
    /// <param name="model">The pruned model (a generated DAN too).</param>
    /// <returns>The new model, and a report of what was removed.</returns>
    /// <exception cref="ArgumentException">The model uses layer norm, or has no biases and an activation not zero at zero.</exception>
    public static CompactionResult<MaskedDeepDan> Compact(MaskedDeepDan model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hasBias = model.InputMap.bias is not null;
        Check(model, model.UseLayerNorm, hasBias, model.Activation);
        var graph = NeuronGraph.Of(model, nameof(model));
        var analysis = CompactionAnalysis.Of(graph);
        var (structure, newToOld) = CompactStructure(model, analysis);
        var compacted = new MaskedDeepDan(model.InputShape.ToArray(), model.OutputSize, structure, model.Options with { LayerNorm = false, Bias = hasBias, Representation = model.Representation });
        try
        {
            var newMaps = new Dictionary<(int Source, int Target), IMaskedWeight>();
            foreach (var map in NeuronGraph.Of(compacted, nameof(model)).Maps)
            {
                newMaps.Add((map.Source, map.Target), map.Layer);
            }

            var biases = analysis.FoldedBiases(m => newMaps.ContainsKey((graph.Maps[m].Source, graph.Maps[m].Target)));
            Place(compacted, model);
            for (var m = 0; m < graph.Maps.Count; m++)
            {
                var (source, target) = (graph.Maps[m].Source, graph.Maps[m].Target);
                if (newMaps.TryGetValue((source, target), out var map))
                {
                    var rows = target < graph.OutputGroup ? newToOld[target] : Identity(model.OutputSize);
                    var columns = source < 0 ? Identity(model.InputSize) : newToOld[source];
                    WriteMap(map, analysis, m, rows, columns, biases[m]);
                }
            }

            return Result(model, compacted, analysis, newToOld);
        }
        catch
        {
            compacted.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A DAN as <c>.dsnet</c> text: its structure (<c>{modelName}Structure</c>, vertices in index order,
    /// blocks named after their layers) and a <c>dan</c> model of its sizes and activation. Compiled by
    /// the source generator, it gives a class whose <c>state_dict</c> is this model's, so
    /// <c>load</c> rebuilds it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a name of the language, or the model has no biases (the written model always has them).</exception>
    public static string ToDsnet(MaskedDeepDan model, string modelName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelName);
        if (!DsnetWriter.IsName(modelName))
        {
            throw new ArgumentException($"modelName '{modelName}' is not a name of the .dsnet language.", nameof(modelName));
        }

        if (model.InputMap.bias is null)
        {
            throw new ArgumentException($"The model has no biases; a dan model written as .dsnet has them.", nameof(model));
        }

        var structure = model.Structure;
        var layers = Enumerable.Range(0, structure.VertexCount).Select(structure.LayerOf).ToArray();
        var structureName = modelName + "Structure";
        return DsnetWriter.WriteLayeredStructure(structureName, structure, layers) + "\n"
            + DsnetWriter.WriteDanModel(modelName, model.InputShape, model.OutputSize, structureName, model.Activation, model.UseLayerNorm);
    }

    private static void Check(MaskableModule model, bool useLayerNorm, bool hasBias, Activation activation)
    {
        if (useLayerNorm)
        {
            throw new ArgumentException($"{model.GetType().Name} uses layer norm, which normalizes each layer over all its neurons: removing neurons would change every other neuron's value, so it cannot be compacted exactly.", nameof(model));
        }

        if (!hasBias)
        {
            using var zero = zeros(1, dtype: ScalarType.Float64);
            using var atZero = ActivationFunctions.Apply(activation, zero);
            var value = atZero.item<double>();
            if (value != 0)
            {
                throw new ArgumentException($"{model.GetType().Name} has no biases and its activation {activation} is {value} at 0: the constants of removed neurons would have no bias to be folded into.", nameof(model));
            }
        }
    }

    private static (Structure Structure, int[][] NewToOld) CompactStructure(MaskedDeepDan model, CompactionAnalysis analysis)
    {
        var old = model.Structure;
        var layerCount = old.LayerCount;
        var mapOf = new Dictionary<(int Source, int Target), int>();
        for (var m = 0; m < analysis.Graph.Maps.Count; m++)
        {
            mapOf[(analysis.Graph.Maps[m].Source, analysis.Graph.Maps[m].Target)] = m;
        }

        bool Kept(int vertex) => analysis.Kept[old.LayerOf(vertex)][old.Layers.IndexInLayer(vertex)];
        bool Unmasked(int source, int target) =>
            analysis.Unmasked(mapOf[(old.LayerOf(source), old.LayerOf(target))], old.Layers.IndexInLayer(target), old.Layers.IndexInLayer(source));

        // Per layer, its new vertices as old indices in the layer (ascending), −1 for a placeholder.
        var members = new List<int>[layerCount];
        for (var k = 0; k < layerCount; k++)
        {
            members[k] = Indices(analysis.Kept[k]).ToList();
        }

        // A vertex keeps layer k ≥ 1 only with an edge from layer k − 1: a placeholder gives it one.
        var needsAnchor = new List<int>[layerCount];
        if (members[layerCount - 1].Count == 0)
        {
            members[layerCount - 1].Add(-1);
        }

        for (var k = layerCount - 1; k >= 1; k--)
        {
            needsAnchor[k] = new List<int>();
            foreach (var index in members[k])
            {
                var fromBelow = false;
                if (index >= 0)
                {
                    var vertex = old.VerticesOf(k)[index];
                    foreach (var source in old.Predecessors(vertex))
                    {
                        fromBelow |= old.LayerOf(source) == k - 1 && Kept(source) && Unmasked(source, vertex);
                    }
                }

                if (!fromBelow)
                {
                    needsAnchor[k].Add(index);
                }
            }

            if (needsAnchor[k].Count > 0 && members[k - 1].Count == 0)
            {
                members[k - 1].Add(-1);
            }
        }

        var first = new int[layerCount + 1];
        for (var k = 0; k < layerCount; k++)
        {
            first[k + 1] = first[k] + members[k].Count;
        }

        // Old index in the layer (or −1, a placeholder: at most one per layer) → position in the new layer.
        var positions = new Dictionary<int, int>[layerCount];
        for (var k = 0; k < layerCount; k++)
        {
            positions[k] = new Dictionary<int, int>(members[k].Count);
            for (var i = 0; i < members[k].Count; i++)
            {
                positions[k].Add(members[k][i], i);
            }
        }

        int NewId(int layer, int index) => first[layer] + positions[layer][index];

        var builder = new StructureBuilder(first[layerCount]);
        foreach (var edge in old.Edges)
        {
            if (Kept(edge.Source) && Kept(edge.Target) && Unmasked(edge.Source, edge.Target))
            {
                builder.AddEdge(NewId(old.LayerOf(edge.Source), old.Layers.IndexInLayer(edge.Source)), NewId(old.LayerOf(edge.Target), old.Layers.IndexInLayer(edge.Target)));
            }
        }

        for (var k = 1; k < layerCount; k++)
        {
            foreach (var index in needsAnchor[k])
            {
                builder.AddEdge(first[k - 1], NewId(k, index));
            }
        }

        var structure = builder.Build();
        for (var k = 0; k < layerCount; k++)
        {
            for (var i = 0; i < members[k].Count; i++)
            {
                if (structure.LayerOf(first[k] + i) != k || structure.Layers.IndexInLayer(first[k] + i) != i)
                {
                    throw new InvalidOperationException($"Compaction placed vertex {first[k] + i} in layer {structure.LayerOf(first[k] + i)} instead of {k}.");
                }
            }
        }

        return (structure, members.Select(list => list.ToArray()).ToArray());
    }

    /// <summary>
    /// Writes a compacted map: rows and columns are old indices (−1 for a placeholder, whose weights are masked
    /// and bias zero). It carries over the old map's unmasked entries between kept rows and columns, so it costs
    /// O(rows + columns + the old map's unmasked entries), and writes them as entries (see <see cref="NeuronMapWrites.Write"/>).
    /// </summary>
    private static void WriteMap(IMaskedWeight map, CompactionAnalysis analysis, int oldMap, int[] rows, int[] columns, double[] biases)
    {
        var old = analysis.Entries(oldMap);
        var newRow = NewPositions(rows, old.Rows);
        var newColumn = NewPositions(columns, old.Columns);
        var (row, column, weight) = (new List<int>(), new List<int>(), new List<double>());
        for (var i = 0; i < old.Count; i++)
        {
            var (r, c) = (newRow[old.Row[i]], newColumn[old.Column[i]]);
            if (r >= 0 && c >= 0)
            {
                row.Add(r);
                column.Add(c);
                weight.Add(old.Weight[i]);
            }
        }

        var bias = new double[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] >= 0)
            {
                bias[r] = biases[rows[r]];
            }
        }

        NeuronMapWrites.Write(map, new UnmaskedEntries(rows.Length, columns.Length, row.ToArray(), column.ToArray(), weight.ToArray(), bias));
    }

    /// <summary>Per old index (of <paramref name="count"/>), its new position in <paramref name="newToOld"/>, or −1 when it is not kept.</summary>
    private static int[] NewPositions(int[] newToOld, int count)
    {
        var positions = new int[count];
        Array.Fill(positions, -1);
        for (var i = 0; i < newToOld.Length; i++)
        {
            if (newToOld[i] >= 0)
            {
                positions[newToOld[i]] = i;
            }
        }

        return positions;
    }

    /// <summary>Moves the new model to the original's dtype and device, before any weight is written.</summary>
    private static void Place(MaskableModule compacted, MaskableModule model)
    {
        var weight = model.MaskableLayers().First().Weight;
        compacted.to(weight.dtype);
        if (weight.device_type != DeviceType.CPU)
        {
            compacted.to(weight.device);
        }

        compacted.train(model.training);
    }

    private static CompactionResult<TModel> Result<TModel>(MaskableModule model, TModel compacted, CompactionAnalysis analysis, int[][] newToOld)
        where TModel : MaskableModule
    {
        var graph = analysis.Graph;
        var layers = new CompactedLayer[graph.GroupSizes.Count];
        for (var g = 0; g < layers.Length; g++)
        {
            var kept = analysis.Kept[g].Count(kept => kept);
            var folded = Enumerable.Range(0, graph.GroupSizes[g]).Count(v => !analysis.Live[g][v] && analysis.Useful[g][v]);
            layers[g] = new CompactedLayer(graph.GroupNames[g], graph.GroupSizes[g], kept, folded, graph.GroupSizes[g] - kept - folded, newToOld[g].Count(index => index < 0));
        }

        return new CompactionResult<TModel>(
            compacted,
            model.GetType().Name,
            layers,
            model.parameters().Sum(parameter => parameter.NumberOfElements),
            compacted.parameters().Sum(parameter => parameter.NumberOfElements),
            Pruning.UnmaskedWeightCount(model),
            Pruning.UnmaskedWeightCount(compacted));
    }

    private static int[] Indices(bool[] flags) => Enumerable.Range(0, flags.Length).Where(i => flags[i]).ToArray();

    private static int[] Identity(int count) => Enumerable.Range(0, count).ToArray();
}
