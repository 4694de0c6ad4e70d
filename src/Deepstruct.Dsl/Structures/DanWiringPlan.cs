using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// What deepstruct's <c>MaskedDeepDAN</c> contains for a structure, as plain data: a dense
/// input map to layer 0; a masked main map between each pair of consecutive layers; a masked
/// skip map for every earlier layer pair joined by at least one edge; a dense output map from
/// the last layer. The runtime builds modules from it and the generator names members after it.
/// </summary>
public sealed class DanWiringPlan
{
    private DanWiringPlan(Structure structure, LayerMap input, LayerMap[] main, LayerMap[] skip, LayerMap output)
    {
        Structure = structure;
        InputMap = input;
        MainMaps = main;
        SkipMaps = skip;
        OutputMap = output;
    }

    /// <summary>The structure the plan wires.</summary>
    public Structure Structure { get; }

    /// <summary>The dense map from the input to layer 0.</summary>
    public LayerMap InputMap { get; }

    /// <summary>Main maps, one per layer <c>k ≥ 1</c> (index <c>k-1</c>), from layer <c>k-1</c> to <c>k</c>.</summary>
    public IReadOnlyList<LayerMap> MainMaps { get; }

    /// <summary>Skip maps, ordered by target layer, then source layer.</summary>
    public IReadOnlyList<LayerMap> SkipMaps { get; }

    /// <summary>The dense map from the last layer to the output.</summary>
    public LayerMap OutputMap { get; }

    /// <summary>Plans the DAN of <paramref name="structure"/> in O(V + E + skip pairs·log).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or the structure has no vertex.</exception>
    public static DanWiringPlan Create(Structure structure, int inputSize, int outputSize)
    {
        Guard.NotNull(structure, nameof(structure));
        Guard.AtLeast(inputSize, 1, nameof(inputSize));
        Guard.AtLeast(outputSize, 1, nameof(outputSize));
        if (structure.VertexCount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(structure), 0, "A DAN needs a structure with at least one vertex; this one has none.");
        }

        var layers = structure.Layers;
        var layerCount = layers.LayerCount;
        var layerOf = layers.LayerOfVertex;
        var mainRows = new List<int>[layerCount];
        var mainColumns = new List<int>[layerCount];
        for (var layer = 1; layer < layerCount; layer++)
        {
            mainRows[layer] = new List<int>();
            mainColumns[layer] = new List<int>();
        }

        var skipPairs = new Dictionary<long, (List<int> Rows, List<int> Columns)>();
        foreach (var edge in structure.Edges)
        {
            var sourceLayer = layerOf[edge.Source];
            var targetLayer = layerOf[edge.Target];
            var row = layers.IndexInLayer(edge.Target);
            var column = layers.IndexInLayer(edge.Source);
            if (targetLayer == sourceLayer + 1)
            {
                mainRows[targetLayer].Add(row);
                mainColumns[targetLayer].Add(column);
                continue;
            }

            var key = ((long)targetLayer << 32) | (uint)sourceLayer;
            if (!skipPairs.TryGetValue(key, out var pairs))
            {
                pairs = (new List<int>(), new List<int>());
                skipPairs.Add(key, pairs);
            }

            pairs.Rows.Add(row);
            pairs.Columns.Add(column);
        }

        var main = new LayerMap[Math.Max(0, layerCount - 1)];
        for (var layer = 1; layer < layerCount; layer++)
        {
            main[layer - 1] = new LayerMap(
                LayerMapKind.Main, layer - 1, layer, layers.SizeOf(layer), layers.SizeOf(layer - 1), mainRows[layer].ToArray(), mainColumns[layer].ToArray());
        }

        var skipKeys = new List<long>(skipPairs.Keys);
        skipKeys.Sort();
        var skip = new LayerMap[skipKeys.Count];
        for (var i = 0; i < skip.Length; i++)
        {
            var targetLayer = (int)(skipKeys[i] >> 32);
            var sourceLayer = (int)(skipKeys[i] & 0xFFFFFFFF);
            var pairs = skipPairs[skipKeys[i]];
            skip[i] = new LayerMap(
                LayerMapKind.Skip, sourceLayer, targetLayer, layers.SizeOf(targetLayer), layers.SizeOf(sourceLayer), pairs.Rows.ToArray(), pairs.Columns.ToArray());
        }

        var input = new LayerMap(LayerMapKind.Input, -1, 0, layers.SizeOf(0), inputSize, Array.Empty<int>(), Array.Empty<int>());
        var output = new LayerMap(LayerMapKind.Output, layerCount - 1, layerCount, outputSize, layers.SizeOf(layerCount - 1), Array.Empty<int>(), Array.Empty<int>());
        return new DanWiringPlan(structure, input, main, skip, output);
    }
}
