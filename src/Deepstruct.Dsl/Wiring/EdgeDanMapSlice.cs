using System;

namespace Deepstruct.Structures;

/// <summary>
/// Where one main or skip map lives in an <see cref="EdgeDanLayout"/>: its edges are
/// <c>EdgeStart … EdgeStart + EdgeCount - 1</c>, edge <c>EdgeStart + i</c> being the map's connection
/// <c>(Map.Rows[i], Map.Columns[i])</c>; each of its bias rows is a segment or an edgeless row.
/// </summary>
public sealed class EdgeDanMapSlice
{
    internal EdgeDanMapSlice(LayerMap map, int edgeStart, int[] segmentOfRow, int[] edgelessOfRow)
    {
        Map = map;
        EdgeStart = edgeStart;
        SegmentOfRow = segmentOfRow;
        EdgelessOfRow = edgelessOfRow.Length == 0 ? Fill(segmentOfRow.Length) : edgelessOfRow;
    }

    /// <summary>The plan's map.</summary>
    public LayerMap Map { get; }

    /// <summary>The layout's index of the map's first edge.</summary>
    public int EdgeStart { get; }

    /// <summary>The map's edges (its connections).</summary>
    public int EdgeCount => Map.Rows.Length;

    /// <summary>The map's connection rows, parallel to its edges (the target vertex within its layer).</summary>
    public ReadOnlySpan<int> Rows => Map.Rows;

    /// <summary>The map's connection columns, parallel to its edges (the source vertex within its layer).</summary>
    public ReadOnlySpan<int> Columns => Map.Columns;

    /// <summary>Per bias row of the map, the segment holding its bias, or −1 where the row is edgeless.</summary>
    public int[] SegmentOfRow { get; }

    /// <summary>Per bias row of the map, the edgeless row holding its bias, or −1 where the row is a segment (every row of a main map).</summary>
    public int[] EdgelessOfRow { get; }

    private static int[] Fill(int length)
    {
        var rows = new int[length];
        rows.AsSpan().Fill(-1);
        return rows;
    }
}
