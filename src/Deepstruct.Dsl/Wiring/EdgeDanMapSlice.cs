using System;

namespace Deepstruct.Structures;

/// <summary>
/// Where one main or skip map lives in an <see cref="EdgeDanLayout"/>: its edges are
/// <c>EdgeStart … EdgeStart + EdgeCount - 1</c>, edge <c>EdgeStart + i</c> being the map's connection
/// <c>(Map.Rows[i], Map.Columns[i])</c>; its bias rows are its segments
/// <c>SegmentStart … SegmentStart + SegmentCount - 1</c> and its edgeless rows
/// <c>EdgelessStart … EdgelessStart + EdgelessCount - 1</c> (none for a main map).
/// </summary>
public sealed class EdgeDanMapSlice
{
    private int[]? _segmentOfRow;
    private int[]? _edgelessOfRow;

    internal EdgeDanMapSlice(LayerMap map, int edgeStart, int segmentStart, int segmentCount, int edgelessStart)
    {
        Map = map;
        EdgeStart = edgeStart;
        SegmentStart = segmentStart;
        SegmentCount = segmentCount;
        EdgelessStart = edgelessStart;
    }

    /// <summary>The plan's map.</summary>
    public LayerMap Map { get; }

    /// <summary>The layout's index of the map's first edge.</summary>
    public int EdgeStart { get; }

    /// <summary>The map's edges (its connections).</summary>
    public int EdgeCount => Map.Rows.Length;

    /// <summary>The layout's index of the map's first segment.</summary>
    public int SegmentStart { get; }

    /// <summary>The map's segments: every row of a main map; the rows with an edge of a skip map.</summary>
    public int SegmentCount { get; }

    /// <summary>The layout's index of the map's first edgeless row.</summary>
    public int EdgelessStart { get; }

    /// <summary>The map's edgeless rows: skip map rows without an edge.</summary>
    public int EdgelessCount => Map.OutFeatures - SegmentCount;

    /// <summary>The map's connection rows, parallel to its edges (the target vertex within its layer).</summary>
    public ReadOnlySpan<int> Rows => Map.Rows;

    /// <summary>The map's connection columns, parallel to its edges (the source vertex within its layer).</summary>
    public ReadOnlySpan<int> Columns => Map.Columns;

    /// <summary>Per bias row of the map, the segment holding its bias, or −1 where the row is edgeless. Computed on first use, O(map rows + edges).</summary>
    public int[] SegmentOfRow
    {
        get
        {
            Number();
            return _segmentOfRow!;
        }
    }

    /// <summary>Per bias row of the map, the edgeless row holding its bias, or −1 where the row is a segment (every row of a main map). Computed on first use.</summary>
    public int[] EdgelessOfRow
    {
        get
        {
            Number();
            return _edgelessOfRow!;
        }
    }

    /// <summary>
    /// Numbers the rows as the layout does: a main map's rows are its segments in row order; a skip
    /// map's rows become segments in the order of their first edge, and its other rows edgeless rows in row order.
    /// </summary>
    private void Number()
    {
        if (_segmentOfRow is not null)
        {
            return;
        }

        var segments = new int[Map.OutFeatures];
        var edgeless = new int[Map.OutFeatures];
        if (Map.Kind == LayerMapKind.Main)
        {
            for (var r = 0; r < segments.Length; r++)
            {
                segments[r] = SegmentStart + r;
                edgeless[r] = -1;
            }
        }
        else
        {
            segments.AsSpan().Fill(-1);
            var next = SegmentStart;
            foreach (var r in Map.Rows)
            {
                if (segments[r] < 0)
                {
                    segments[r] = next++;
                }
            }

            var nextEdgeless = EdgelessStart;
            for (var r = 0; r < segments.Length; r++)
            {
                edgeless[r] = segments[r] < 0 ? nextEdgeless++ : -1;
            }
        }

        _edgelessOfRow = edgeless;
        _segmentOfRow = segments;
    }
}
