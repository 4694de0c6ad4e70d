using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>
/// A <see cref="MaskedDeepDan"/>, read through its wiring plan and masks rather than its hooks: its
/// forward adds skip paths with tensor arithmetic between map calls, which hooks cannot see. Its hidden
/// neurons are numbered in the structure's vertex order (vertex <c>v</c> is the step's first vertex
/// plus <c>v</c>) and placed one layer above the input per structure layer, so the extracted graph of a
/// DAN is its structure with an input layer before and an output layer after. Every map contributes
/// the edges its mask keeps, exactly.
/// </summary>
internal sealed class DanStep : PlannedStep
{
    private readonly MaskedDeepDan _dan;
    private readonly long _edges;

    public DanStep(ModuleCall call, MaskedDeepDan dan)
        : base(call)
    {
        _dan = dan;
        long edges = 0;
        foreach (var (map, _, _) in Maps())
        {
            edges += map.WeightCount;
        }

        _edges = edges;
    }

    public override long Vertices => (long)_dan.Structure.VertexCount + _dan.OutputSize;

    public override long Outputs => _dan.OutputSize;

    public override long Edges => _edges;

    public override Frontier Emit(ExtractedGraphBuilder builder, Frontier input)
    {
        var structure = _dan.Structure;
        var hiddenFirst = builder.VertexCount;
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            builder.AddVertex(input.Layer + 1 + structure.LayerOf(vertex));
        }

        var outputLayer = input.Layer + 1 + structure.LayerCount;
        var outputFirst = builder.AddVertices(_dan.OutputSize, outputLayer);
        foreach (var (map, sourceLayer, targetLayer) in Maps())
        {
            var sources = VerticesOf(structure, sourceLayer, input.First, hiddenFirst, outputFirst);
            var targets = VerticesOf(structure, targetLayer, input.First, hiddenFirst, outputFirst);
            if (map is EdgeMapWeight edges)
            {
                // Stored per edge: entry i is the map's connection (Rows[i], Columns[i]).
                var rows = edges.Map.Rows;
                var columns = edges.Map.Columns;
                foreach (var i in MaskPairs.Of(edges.Mask, out _))
                {
                    builder.AddEdge(sources(columns[i]), targets(rows[i]));
                }

                continue;
            }

            foreach (var entry in MaskPairs.Of(map.Mask, out var width))
            {
                var row = Math.DivRem(entry, width, out var column);
                builder.AddEdge(sources(column), targets(row));
            }
        }

        return new Frontier(outputFirst, _dan.OutputSize, outputLayer);
    }

    /// <summary>Every map with the structure layers it joins (−1: the input, the layer count: the output).</summary>
    private IEnumerable<(IMaskedWeight Map, int SourceLayer, int TargetLayer)> Maps()
    {
        var plan = _dan.Plan;
        yield return (_dan.InputMap, -1, 0);

        // The main and skip maps as the network stores them (per edge under Edges: no dense copy per map).
        var maps = _dan.MaskableLayers().Skip(1).SkipLast(1).ToList();
        for (var i = 0; i < plan.MainMaps.Count; i++)
        {
            yield return (maps[i], plan.MainMaps[i].SourceLayer, plan.MainMaps[i].TargetLayer);
        }

        for (var i = 0; i < plan.SkipMaps.Count; i++)
        {
            yield return (maps[plan.MainMaps.Count + i], plan.SkipMaps[i].SourceLayer, plan.SkipMaps[i].TargetLayer);
        }

        yield return (_dan.OutputMap, plan.Structure.LayerCount - 1, plan.Structure.LayerCount);
    }

    /// <summary>Maps a row or column index of a map's weight to the vertex it stands for.</summary>
    private static Func<int, int> VerticesOf(Structure structure, int layer, int inputFirst, int hiddenFirst, int outputFirst)
    {
        if (layer < 0)
        {
            return index => inputFirst + index;
        }

        if (layer == structure.LayerCount)
        {
            return index => outputFirst + index;
        }

        // Rows and columns index a layer's vertices in ascending order (the wiring plan's convention).
        var members = structure.VerticesOf(layer).ToArray();
        return index => hiddenFirst + members[index];
    }
}
