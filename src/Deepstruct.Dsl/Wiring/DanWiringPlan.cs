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

    /// <summary>Plans the DAN of <paramref name="structure"/> in O(V + E).</summary>
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
        var indexInLayer = layers.IndexInLayerOfVertex;
        var offsets = structure.Adjacency.Offsets;
        var successors = structure.Adjacency.SuccessorArray;

        // Pass 1 numbers the maps and counts their connections, so pass 2 writes them into exact arrays.
        // Main map of layer k is k - 1; skip maps follow, numbered source layer by source layer.
        var mainCount = Math.Max(0, layerCount - 1);
        var mapOfEdge = new int[successors.Length];
        var skipPairs = NumberSkipMaps(structure, mainCount, mapOfEdge);
        var counts = new int[mainCount + skipPairs.Count];
        foreach (var map in mapOfEdge)
        {
            counts[map]++;
        }

        var rows = new int[counts.Length][];
        var columns = new int[counts.Length][];
        for (var map = 0; map < counts.Length; map++)
        {
            rows[map] = new int[counts[map]];
            columns[map] = new int[counts[map]];
        }

        var filled = new int[counts.Length];
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

        var skipOrder = ByTargetThenSource(skipPairs, layerCount);
        var skip = new LayerMap[skipOrder.Length];
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

    /// <summary>
    /// The number of maps a DAN of <paramref name="structure"/> has besides its input and output
    /// maps: one main map per layer after the first, plus one skip map per distinct pair of layers
    /// more than one apart joined by an edge. O(V + E), without building the plan.
    /// </summary>
    public static long CountMaps(Structure structure)
    {
        Guard.NotNull(structure, nameof(structure));
        var mainCount = Math.Max(0, structure.LayerCount - 1);
        return mainCount + (long)NumberSkipMaps(structure, mainCount, mapOfEdge: null).Count;
    }

    /// <summary>
    /// Numbers the skip maps from <paramref name="firstMap"/> on, source layer by source layer, and
    /// records each edge's map when <paramref name="mapOfEdge"/> is given. Visiting the vertices a
    /// source layer at a time lets one stamp per target layer tell a new pair from a seen one: no
    /// hashing (layer pairs of long chain-like structures hash badly), no layer × layer table.
    /// </summary>
    private static List<(int Source, int Target, int Map)> NumberSkipMaps(Structure structure, int firstMap, int[]? mapOfEdge)
    {
        var layers = structure.Layers;
        var layerOf = layers.LayerOfVertex;
        var offsets = structure.Adjacency.Offsets;
        var successors = structure.Adjacency.SuccessorArray;
        var pairs = new List<(int Source, int Target, int Map)>();
        var stampOfTarget = new int[layers.LayerCount];
        var mapOfTarget = new int[layers.LayerCount];
        for (var sourceLayer = 0; sourceLayer < layers.LayerCount; sourceLayer++)
        {
            var stamp = sourceLayer + 1;
            foreach (var source in layers.VerticesOf(sourceLayer))
            {
                for (var i = offsets[source]; i < offsets[source + 1]; i++)
                {
                    var targetLayer = layerOf[successors[i]];
                    int map;
                    if (targetLayer == sourceLayer + 1)
                    {
                        map = targetLayer - 1;
                    }
                    else if (stampOfTarget[targetLayer] == stamp)
                    {
                        map = mapOfTarget[targetLayer];
                    }
                    else
                    {
                        map = firstMap + pairs.Count;
                        stampOfTarget[targetLayer] = stamp;
                        mapOfTarget[targetLayer] = map;
                        pairs.Add((sourceLayer, targetLayer, map));
                    }

                    if (mapOfEdge is not null)
                    {
                        mapOfEdge[i] = map;
                    }
                }
            }
        }

        return pairs;
    }

    /// <summary>A stable counting sort by target layer: pairs arrive by source layer, so the result is by target, then source.</summary>
    private static (int Source, int Target, int Map)[] ByTargetThenSource(List<(int Source, int Target, int Map)> pairs, int layerCount)
    {
        var starts = new int[layerCount + 1];
        foreach (var pair in pairs)
        {
            starts[pair.Target + 1]++;
        }

        for (var layer = 0; layer < layerCount; layer++)
        {
            starts[layer + 1] += starts[layer];
        }

        var ordered = new (int Source, int Target, int Map)[pairs.Count];
        foreach (var pair in pairs)
        {
            ordered[starts[pair.Target]++] = pair;
        }

        return ordered;
    }
}
