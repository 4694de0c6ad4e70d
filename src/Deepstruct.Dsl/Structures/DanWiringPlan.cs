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

    /// <summary>Plans the DAN of <paramref name="structure"/> in O(V + E), plus sorting the skip pairs (at most E).</summary>
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
        var indexInLayer = layers.IndexInLayerOfVertex;
        var offsets = structure.Adjacency.Offsets;
        var successors = structure.Adjacency.SuccessorArray;

        // Pass 1 counts the connections of every map, so pass 2 writes them into exact arrays.
        // Maps are numbered: main map of layer k is k - 1; skip maps follow, in order of first appearance.
        var mainCount = Math.Max(0, layerCount - 1);
        var skipMaps = new SkipMapNumbers(layerCount, offsets.Length - 1 + successors.Length);
        var counts = new List<int>(new int[mainCount]);
        var mapOfEdge = new int[successors.Length];
        for (var source = 0; source < offsets.Length - 1; source++)
        {
            var sourceLayer = layerOf[source];
            for (var i = offsets[source]; i < offsets[source + 1]; i++)
            {
                var targetLayer = layerOf[successors[i]];
                int map;
                if (targetLayer == sourceLayer + 1)
                {
                    map = targetLayer - 1;
                }
                else if (!skipMaps.TryGet(sourceLayer, targetLayer, out map))
                {
                    map = counts.Count;
                    skipMaps.Add(sourceLayer, targetLayer, map);
                    counts.Add(0);
                }

                mapOfEdge[i] = map;
                counts[map]++;
            }
        }

        var rows = new int[counts.Count][];
        var columns = new int[counts.Count][];
        for (var map = 0; map < counts.Count; map++)
        {
            rows[map] = new int[counts[map]];
            columns[map] = new int[counts[map]];
        }

        var filled = new int[counts.Count];
        for (var source = 0; source < offsets.Length - 1; source++)
        {
            for (var i = offsets[source]; i < offsets[source + 1]; i++)
            {
                var map = mapOfEdge[i];
                rows[map][filled[map]] = indexInLayer[successors[i]];
                columns[map][filled[map]++] = indexInLayer[source];
            }
        }

        var main = new LayerMap[mainCount];
        for (var layer = 1; layer < layerCount; layer++)
        {
            main[layer - 1] = new LayerMap(
                LayerMapKind.Main, layer - 1, layer, layers.SizeOf(layer), layers.SizeOf(layer - 1), rows[layer - 1], columns[layer - 1]);
        }

        var skipOrder = skipMaps.LayerPairsByTargetThenSource();
        var skip = new LayerMap[skipOrder.Count];
        for (var i = 0; i < skip.Length; i++)
        {
            var (sourceLayer, targetLayer, map) = skipOrder[i];
            skip[i] = new LayerMap(
                LayerMapKind.Skip, sourceLayer, targetLayer, layers.SizeOf(targetLayer), layers.SizeOf(sourceLayer), rows[map], columns[map]);
        }

        var input = new LayerMap(LayerMapKind.Input, -1, 0, layers.SizeOf(0), inputSize, Array.Empty<int>(), Array.Empty<int>());
        var output = new LayerMap(LayerMapKind.Output, layerCount - 1, layerCount, outputSize, layers.SizeOf(layerCount - 1), Array.Empty<int>(), Array.Empty<int>());
        return new DanWiringPlan(structure, input, main, skip, output);
    }
}
