using System;
using System.Collections.Generic;
using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// How a <see cref="MaskedDeepDan"/> stores its main and skip maps fused. Every map leaving layer
/// <c>j</c> reads <c>out_j</c>, so they stack row-wise into one group <c>[R_j, n_j]</c>: the main map to
/// <c>j+1</c> first, then the skip maps by ascending target layer. Group <c>j</c> is computed with one
/// masked product as soon as <c>out_j</c> is known, and its rows split into the pieces the later
/// layers add. All groups lie one after another, row-major, in one flat weight (and their rows in one
/// flat bias and mask), so the mask multiply and the optimizer touch one tensor each.
/// </summary>
internal sealed class FusedDanLayout
{
    private FusedDanLayout(DanWiringPlan plan)
    {
        var structure = plan.Structure;
        var layerCount = structure.LayerCount;
        var sizes = structure.Layers.LayerSizes();
        GroupCount = Math.Max(0, layerCount - 1);
        GroupColumns = new int[GroupCount];
        GroupRows = new long[GroupCount];
        GroupWeights = new long[GroupCount];
        PieceRows = new long[GroupCount][];
        MainWeightOffsets = new long[plan.MainMaps.Count];
        MainBiasOffsets = new long[plan.MainMaps.Count];
        SkipWeightOffsets = new long[plan.SkipMaps.Count];
        SkipBiasOffsets = new long[plan.SkipMaps.Count];

        // The plan orders skip maps by target, then source: grouped by source they come in target order.
        var bySource = new List<int>[GroupCount];
        var incoming = new List<(int Source, int Piece)>[layerCount];
        for (var s = 0; s < plan.SkipMaps.Count; s++)
        {
            (bySource[plan.SkipMaps[s].SourceLayer] ??= new List<int>()).Add(s);
        }

        long weightOffset = 0;
        long rowOffset = 0;
        for (var j = 0; j < GroupCount; j++)
        {
            var skips = bySource[j];
            var pieces = new long[1 + (skips?.Count ?? 0)];
            pieces[0] = sizes[j + 1];
            MainWeightOffsets[j] = weightOffset;
            MainBiasOffsets[j] = rowOffset;
            var rows = (long)sizes[j + 1];
            for (var p = 1; p < pieces.Length; p++)
            {
                var s = skips![p - 1];
                var target = plan.SkipMaps[s].TargetLayer;
                pieces[p] = sizes[target];
                SkipWeightOffsets[s] = weightOffset + (rows * sizes[j]);
                SkipBiasOffsets[s] = rowOffset + rows;
                (incoming[target] ??= new List<(int, int)>()).Add((j, p));
                rows += sizes[target];
            }

            GroupColumns[j] = sizes[j];
            GroupRows[j] = rows;
            GroupWeights[j] = rows * sizes[j];
            PieceRows[j] = pieces;
            weightOffset += GroupWeights[j];
            rowOffset += rows;
        }

        TotalWeights = weightOffset;
        TotalRows = rowOffset;

        // Sources are visited in ascending order, so each layer adds its skips by ascending source, as deepstruct does.
        Incoming = Array.ConvertAll(incoming, list => list?.ToArray() ?? Array.Empty<(int, int)>());
    }

    /// <summary>Groups: one per layer with a successor layer (<c>j = 0 … L-2</c>).</summary>
    public int GroupCount { get; }

    /// <summary>Columns of group <c>j</c>: the size of layer <c>j</c>.</summary>
    public int[] GroupColumns { get; }

    /// <summary>Rows of group <c>j</c> (its share of the flat bias): the main map's, then each skip map's.</summary>
    public long[] GroupRows { get; }

    /// <summary>Entries of group <c>j</c> (its share of the flat weight).</summary>
    public long[] GroupWeights { get; }

    /// <summary>The row counts of group <c>j</c>'s pieces: the main map to <c>j+1</c>, then its skip maps by ascending target.</summary>
    public long[][] PieceRows { get; }

    /// <summary>For each layer, the skip pieces added into it, as (source group, piece), by ascending source.</summary>
    public (int Source, int Piece)[][] Incoming { get; }

    /// <summary>Where main map <c>i</c>'s weight starts in the flat weight.</summary>
    public long[] MainWeightOffsets { get; }

    /// <summary>Where main map <c>i</c>'s rows start in the flat bias.</summary>
    public long[] MainBiasOffsets { get; }

    /// <summary>Where skip map <c>s</c> (plan order) starts in the flat weight.</summary>
    public long[] SkipWeightOffsets { get; }

    /// <summary>Where skip map <c>s</c>'s rows start in the flat bias.</summary>
    public long[] SkipBiasOffsets { get; }

    /// <summary>Entries of the flat weight and mask.</summary>
    public long TotalWeights { get; }

    /// <summary>Entries of the flat bias.</summary>
    public long TotalRows { get; }

    /// <summary>Lays out <paramref name="plan"/>'s main and skip maps.</summary>
    public static FusedDanLayout Create(DanWiringPlan plan) => new(plan);

    /// <summary>The flat positions of the connected entries (the structure's edges), in the order <see cref="Initialization"/> lists them.</summary>
    public long[] ConnectionPositions(DanWiringPlan plan) => Initialization(plan).Positions;

    /// <summary>
    /// What initialization needs: the flat positions of the connected (unmasked) entries, the bound of
    /// each one's uniform initialization — a masked linear's (Kaiming uniform with a = √5), 1/√fan_in, the
    /// same for every map of a group since all read the same layer — and each bias row's bound. Every
    /// other entry is masked and starts at exactly zero, so only connections are drawn: a few thousand
    /// values where the dense maps hold millions of entries.
    /// </summary>
    public (long[] Positions, float[] WeightBound, float[] BiasBound) Initialization(DanWiringPlan plan)
    {
        var connections = 0L;
        foreach (var map in plan.MainMaps)
        {
            connections += map.ConnectionCount;
        }

        foreach (var map in plan.SkipMaps)
        {
            connections += map.ConnectionCount;
        }

        var positions = new long[connections];
        var weightBound = new float[connections];
        var biasBound = new float[TotalRows];
        var next = 0;
        for (var i = 0; i < plan.MainMaps.Count; i++)
        {
            Fill(plan.MainMaps[i], MainWeightOffsets[i], MainBiasOffsets[i]);
        }

        for (var s = 0; s < plan.SkipMaps.Count; s++)
        {
            Fill(plan.SkipMaps[s], SkipWeightOffsets[s], SkipBiasOffsets[s]);
        }

        return (positions, weightBound, biasBound);

        void Fill(LayerMap map, long weightOffset, long biasOffset)
        {
            var bound = (float)(1.0 / Math.Sqrt(map.InFeatures));
            var rows = map.Rows;
            var columns = map.Columns;
            for (var e = 0; e < rows.Length; e++)
            {
                positions[next] = weightOffset + ((long)rows[e] * map.InFeatures) + columns[e];
                weightBound[next++] = bound;
            }

            biasBound.AsSpan((int)biasOffset, map.OutFeatures).Fill(bound);
        }
    }

    /// <summary>
    /// Where the edge representation's values sit in this layout: per edge (in <paramref name="layout"/>'s order) its position in the
    /// fused weight, per segment and per edgeless row its fused bias row. The one mapping between the two representations,
    /// used by the conversions of <see cref="EdgeDanMaps"/> and of checkpoints (<see cref="DanCheckpoint"/>).
    /// </summary>
    public (long[] Edges, long[] Segments, long[] Edgeless) EdgePositions(EdgeDanLayout layout)
    {
        var edges = new long[layout.EdgeCount];
        var segments = new long[layout.SegmentCount];
        var edgeless = new long[layout.EdgelessRowCount];
        for (var i = 0; i < layout.MainMaps.Count; i++)
        {
            Fill(layout.MainMaps[i], MainWeightOffsets[i], MainBiasOffsets[i]);
        }

        for (var s = 0; s < layout.SkipMaps.Count; s++)
        {
            Fill(layout.SkipMaps[s], SkipWeightOffsets[s], SkipBiasOffsets[s]);
        }

        return (edges, segments, edgeless);

        void Fill(EdgeDanMapSlice slice, long weightOffset, long biasOffset)
        {
            var rows = slice.Rows;
            var columns = slice.Columns;
            for (var i = 0; i < rows.Length; i++)
            {
                edges[slice.EdgeStart + i] = weightOffset + ((long)rows[i] * slice.Map.InFeatures) + columns[i];
            }

            for (var r = 0; r < slice.Map.OutFeatures; r++)
            {
                if (slice.SegmentOfRow[r] >= 0)
                {
                    segments[slice.SegmentOfRow[r]] = biasOffset + r;
                }
                else
                {
                    edgeless[slice.EdgelessOfRow[r]] = biasOffset + r;
                }
            }
        }
    }
}
