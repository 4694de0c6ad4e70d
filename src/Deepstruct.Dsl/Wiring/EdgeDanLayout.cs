using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// A DAN's main and skip maps as edge lists, for an edge-proportional kernel: one entry per structure
/// edge instead of a dense block per layer pair. Built from a <see cref="DanWiringPlan"/> in
/// O(V + E + edgeless rows) with arrays only.
/// </summary>
/// <remarks>
/// Layer <c>k ≥ 1</c> of a DAN sums, per vertex, one term per (source layer, vertex) pair that a map
/// joins: a <em>segment</em>, with its own weighted sum of edges, its own bias and its own activation.
/// Segments of layer <c>k</c> come in this order: its <em>main segments</em> (one per vertex of layer
/// <c>k</c>, in vertex order, edge or not: the main map has a bias row for every vertex), then its
/// <em>active skip segments</em> (skip map rows with at least one edge), by skip map in plan order,
/// in order of each row's first edge. A skip map row without an edge is an <em>edgeless row</em>: it
/// adds <c>act(bias)</c> to its vertex whatever the input. Edges are ordered by target layer, then
/// map (the main map, then the skip maps in plan order), then the plan's edge order, so every map's
/// edges are contiguous. Vertices are numbered layer-major (layer 0 first, each layer in vertex order).
/// </remarks>
public sealed class EdgeDanLayout
{
    private EdgeDanLayout(DanWiringPlan plan)
    {
        Plan = plan;
        var layers = plan.Structure.Layers;
        LayerCount = layers.LayerCount;
        VertexStart = new int[LayerCount + 1];
        var maxSize = 0;
        for (var k = 0; k < LayerCount; k++)
        {
            var size = layers.SizeOf(k);
            VertexStart[k + 1] = VertexStart[k] + size;
            maxSize = Math.Max(maxSize, size);
        }

        long edges = 0;
        long mainRows = 0;
        long skipRows = 0;
        foreach (var map in plan.MainMaps)
        {
            edges += map.ConnectionCount;
            mainRows += map.OutFeatures;
        }

        foreach (var map in plan.SkipMaps)
        {
            edges += map.ConnectionCount;
            skipRows += map.OutFeatures;
        }

        EdgeSource = new int[checked((int)edges)];
        EdgeSegment = new int[EdgeSource.Length];
        EdgeStart = new int[LayerCount + 1];
        SegmentStart = new int[LayerCount + 1];
        EdgelessStart = new int[LayerCount + 1];

        // Segments and edgeless rows together are exactly the maps' bias rows: main rows are all segments.
        var segmentVertex = new List<int>((int)Math.Min(int.MaxValue, mainRows + Math.Min(skipRows, edges)));
        // Edgeless rows are the skip rows without an edge: at least skipRows − edges of them, at most skipRows.
        var edgelessVertex = new List<int>((int)Math.Min(int.MaxValue, skipRows));
        var main = new EdgeDanMapSlice[plan.MainMaps.Count];
        var skip = new EdgeDanMapSlice[plan.SkipMaps.Count];

        // rowSegment[r] is valid for the current skip map only where stampOf[r] == stamp: no clearing per map.
        var rowSegment = new int[maxSize];
        var stampOf = new int[maxSize];
        var stamp = 0;
        var e = 0;
        var s = 0;
        for (var k = 1; k < LayerCount; k++)
        {
            var targetStart = VertexStart[k];
            var mainMap = plan.MainMaps[k - 1];
            var firstSegment = segmentVertex.Count;
            for (var r = 0; r < mainMap.OutFeatures; r++)
            {
                segmentVertex.Add(targetStart + r);
            }

            main[k - 1] = new EdgeDanMapSlice(mainMap, e, firstSegment, mainMap.OutFeatures, edgelessVertex.Count);
            var rows = mainMap.Rows;
            var columns = mainMap.Columns;
            var sourceStart = VertexStart[k - 1];
            for (var i = 0; i < rows.Length; i++)
            {
                EdgeSource[e] = sourceStart + columns[i];
                EdgeSegment[e++] = firstSegment + rows[i];
            }

            for (; s < plan.SkipMaps.Count && plan.SkipMaps[s].TargetLayer == k; s++)
            {
                var map = plan.SkipMaps[s];
                var mapStart = e;
                var mapSegmentStart = segmentVertex.Count;
                var mapEdgelessStart = edgelessVertex.Count;
                stamp++;
                rows = map.Rows;
                columns = map.Columns;
                sourceStart = VertexStart[map.SourceLayer];
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    if (stampOf[r] != stamp)
                    {
                        stampOf[r] = stamp;
                        rowSegment[r] = segmentVertex.Count;
                        segmentVertex.Add(targetStart + r);
                    }

                    EdgeSource[e] = sourceStart + columns[i];
                    EdgeSegment[e++] = rowSegment[r];
                }

                for (var r = 0; r < map.OutFeatures; r++)
                {
                    if (stampOf[r] != stamp)
                    {
                        edgelessVertex.Add(targetStart + r);
                    }
                }

                skip[s] = new EdgeDanMapSlice(map, mapStart, mapSegmentStart, segmentVertex.Count - mapSegmentStart, mapEdgelessStart);
            }

            EdgeStart[k + 1] = e;
            SegmentStart[k + 1] = segmentVertex.Count;
            EdgelessStart[k + 1] = edgelessVertex.Count;
        }

        SegmentVertex = segmentVertex.ToArray();
        EdgelessVertex = edgelessVertex.ToArray();
        SegmentIsMain = new bool[SegmentVertex.Length];
        for (var k = 1; k < LayerCount; k++)
        {
            SegmentIsMain.AsSpan(SegmentStart[k], layers.SizeOf(k)).Fill(true);
        }

        MainMaps = Array.AsReadOnly(main);
        SkipMaps = Array.AsReadOnly(skip);
    }

    /// <summary>The plan the layout was built from.</summary>
    public DanWiringPlan Plan { get; }

    /// <summary>The structure's layers.</summary>
    public int LayerCount { get; }

    /// <summary>The structure's vertices.</summary>
    public int VertexCount => VertexStart[LayerCount];

    /// <summary>Edges of the main and skip maps: the structure's edges.</summary>
    public int EdgeCount => EdgeSource.Length;

    /// <summary>Segments: main segments of every layer <c>k ≥ 1</c> plus the active skip segments.</summary>
    public int SegmentCount => SegmentVertex.Length;

    /// <summary>Skip map rows without an edge.</summary>
    public int EdgelessRowCount => EdgelessVertex.Length;

    /// <summary>Layer <c>k</c>'s vertices are <c>VertexStart[k] … VertexStart[k+1]-1</c> (length: layers + 1).</summary>
    public int[] VertexStart { get; }

    /// <summary>Edges into layer <c>k</c> are <c>EdgeStart[k] … EdgeStart[k+1]-1</c> (length: layers + 1; layer 0 has none).</summary>
    public int[] EdgeStart { get; }

    /// <summary>Layer <c>k</c>'s segments are <c>SegmentStart[k] … SegmentStart[k+1]-1</c>, its main segments first (length: layers + 1).</summary>
    public int[] SegmentStart { get; }

    /// <summary>Edgeless rows into layer <c>k</c> are <c>EdgelessStart[k] … EdgelessStart[k+1]-1</c> (length: layers + 1).</summary>
    public int[] EdgelessStart { get; }

    /// <summary>Per edge, its source vertex (layer-major index).</summary>
    public int[] EdgeSource { get; }

    /// <summary>Per edge, its segment (an index into the segments of the whole model, within its target layer's range).</summary>
    public int[] EdgeSegment { get; }

    /// <summary>Per segment, its target vertex (layer-major index).</summary>
    public int[] SegmentVertex { get; }

    /// <summary>Per segment, whether it is a main segment (source layer <c>k-1</c>, normalized when its layer has a norm).</summary>
    public bool[] SegmentIsMain { get; }

    /// <summary>Per edgeless row, its vertex (layer-major index).</summary>
    public int[] EdgelessVertex { get; }

    /// <summary>Where each main map's edges and bias rows live, parallel to <see cref="DanWiringPlan.MainMaps"/>.</summary>
    public IReadOnlyList<EdgeDanMapSlice> MainMaps { get; }

    /// <summary>Where each skip map's edges and bias rows live, parallel to <see cref="DanWiringPlan.SkipMaps"/>.</summary>
    public IReadOnlyList<EdgeDanMapSlice> SkipMaps { get; }

    /// <summary>Lays out <paramref name="plan"/>'s main and skip maps as edge lists, in O(V + E + edgeless rows).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static EdgeDanLayout Create(DanWiringPlan plan)
    {
        Guard.NotNull(plan, nameof(plan));
        return new EdgeDanLayout(plan);
    }

    /// <summary>The slice of main map <paramref name="index"/> (<see cref="LayerMapKind.Main"/>) or skip map <paramref name="index"/> (<see cref="LayerMapKind.Skip"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not main or skip, or there is no such map.</exception>
    public EdgeDanMapSlice Map(LayerMapKind kind, int index)
    {
        var maps = kind switch
        {
            LayerMapKind.Main => MainMaps,
            LayerMapKind.Skip => SkipMaps,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind = {kind}: only main and skip maps are stored as edges."),
        };
        if ((uint)index >= (uint)maps.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index = {index} is not a {kind} map; there are {maps.Count}.");
        }

        return maps[index];
    }
}
