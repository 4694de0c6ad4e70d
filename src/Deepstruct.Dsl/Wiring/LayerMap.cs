using System;

namespace Deepstruct.Structures;

/// <summary>
/// One linear map of a DAN as plain data: its shape (<see cref="OutFeatures"/> × <see cref="InFeatures"/>,
/// as a weight matrix) and, for masked maps, which (row, column) pairs connect. Rows index the
/// target layer's vertices and columns the source layer's, both in ascending vertex order.
/// </summary>
public sealed class LayerMap
{
    private readonly int[] _rows;
    private readonly int[] _columns;

    internal LayerMap(LayerMapKind kind, int sourceLayer, int targetLayer, int outFeatures, int inFeatures, int[] rows, int[] columns)
    {
        Kind = kind;
        SourceLayer = sourceLayer;
        TargetLayer = targetLayer;
        OutFeatures = outFeatures;
        InFeatures = inFeatures;
        _rows = rows;
        _columns = columns;
    }

    /// <summary>Input, main, skip or output.</summary>
    public LayerMapKind Kind { get; }

    /// <summary>The layer the map reads (−1 for the input map).</summary>
    public int SourceLayer { get; }

    /// <summary>The layer the map writes (the layer count for the output map).</summary>
    public int TargetLayer { get; }

    /// <summary>Rows of the weight: the target's size.</summary>
    public int OutFeatures { get; }

    /// <summary>Columns of the weight: the source's size.</summary>
    public int InFeatures { get; }

    /// <summary>Whether every weight is present (input and output maps); masked maps are not dense.</summary>
    public bool IsDense => Kind is LayerMapKind.Input or LayerMapKind.Output;

    /// <summary>The number of connected pairs (all of them for a dense map).</summary>
    public long ConnectionCount => IsDense ? (long)OutFeatures * InFeatures : _rows.Length;

    /// <summary>Rows of the connected pairs of a masked map, parallel to <see cref="Columns"/>, by source vertex then target vertex.</summary>
    public ReadOnlySpan<int> Rows => _rows;

    /// <summary>Columns of the connected pairs of a masked map, parallel to <see cref="Rows"/>.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>The map's mask, row-major (<c>mask[row * InFeatures + column]</c>); all true for a dense map.</summary>
    public bool[] ToMask()
    {
        var mask = new bool[checked(OutFeatures * InFeatures)];
        if (IsDense)
        {
            mask.AsSpan().Fill(true);
            return mask;
        }

        for (var i = 0; i < _rows.Length; i++)
        {
            mask[(_rows[i] * InFeatures) + _columns[i]] = true;
        }

        return mask;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} {SourceLayer}->{TargetLayer} [{OutFeatures}x{InFeatures}] {ConnectionCount} connections";
}
