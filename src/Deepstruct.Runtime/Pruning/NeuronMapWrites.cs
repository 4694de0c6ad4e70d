using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Every write neuron pruning and compaction make to a map's weight, bias or mask, in one place:
/// a <see cref="MaskedLinear"/>'s own tensors, or a <see cref="MaskedMapView"/>'s views into a DAN's
/// stored maps. A DAN's map stored per edge is written edge by edge, in O(its edges + rows), never
/// through a dense <c>[rows, columns]</c> copy.
/// </summary>
internal static class NeuronMapWrites
{
    /// <summary>The map's bias (a view for a DAN's map), or <see langword="null"/> without one.</summary>
    public static Tensor? Bias(IMaskedWeight map) => map switch
    {
        MaskedLinear linear => linear.bias,
        MaskedMapView view => view.bias,
        _ => null,
    };

    /// <summary>
    /// Masks the rows of <paramref name="rows"/> (neurons of the map's target) and the columns of
    /// <paramref name="columns"/> (neurons of its source), zeroes the masked weights and the biases of
    /// those rows. Both are CPU bool vectors or <see langword="null"/>.
    /// </summary>
    public static void MaskNeurons(IMaskedWeight map, Tensor? rows, Tensor? columns)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        if (map is MaskedMapView { Edges: { } edges })
        {
            MaskEdges(edges, rows, columns);
        }
        else
        {
            MaskDense(map, rows, columns);
        }

        if (rows is not null && Bias(map) is { } bias)
        {
            // Under a DAN's Edges representation a map view's bias is a copy: written back with SetBias.
            bias.masked_fill_(rows.to(bias.device), 0);
            if (map is MaskedMapView { WritesThrough: false } view)
            {
                view.SetBias(bias);
            }
        }
    }

    /// <summary>
    /// Sets the map's weight, bias (when it has one) and mask from <paramref name="entries"/>, converted to its
    /// dtype and device: the entries are unmasked with their weights, every other weight masked and zero. Under
    /// Edges every entry must be an edge of the map.
    /// </summary>
    public static void Write(IMaskedWeight map, UnmaskedEntries entries)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        if (map is MaskedMapView { Edges: { } edges } view)
        {
            WriteEdges(edges, entries);
            if (entries.Bias is { } values && view.bias is not null)
            {
                view.SetBias(tensor(values, dtype: ScalarType.Float64));
            }

            return;
        }

        var weights = new double[(long)entries.Rows * entries.Columns];
        var mask = new bool[weights.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            var position = ((long)entries.Row[i] * entries.Columns) + entries.Column[i];
            weights[position] = entries.Weight[i];
            mask[position] = true;
        }

        var weight = tensor(weights, dtype: ScalarType.Float64).view(entries.Rows, entries.Columns);
        var bias = entries.Bias is { } biases ? tensor(biases, dtype: ScalarType.Float64) : null;
        WriteDense(map, weight, bias, tensor(mask).view(entries.Rows, entries.Columns));
    }

    private static void MaskEdges(EdgeMapWeight edges, Tensor? rows, Tensor? columns)
    {
        var prunedRows = rows?.to(CPU).data<bool>().ToArray();
        var prunedColumns = columns?.to(CPU).data<bool>().ToArray();
        var mask = edges.Mask.to(CPU).contiguous().data<bool>().ToArray();
        var mapRows = edges.Map.Rows;
        var mapColumns = edges.Map.Columns;
        for (var i = 0; i < mask.Length; i++)
        {
            if ((prunedRows is not null && prunedRows[mapRows[i]]) || (prunedColumns is not null && prunedColumns[mapColumns[i]]))
            {
                mask[i] = false;
            }
        }

        edges.Mask = tensor(mask);
        edges.ApplyMask();
    }

    private static void MaskDense(IMaskedWeight map, Tensor? rows, Tensor? columns)
    {
        var mask = map.Mask;
        var keep = ones_like(mask);
        if (rows is not null)
        {
            keep = keep.logical_and(rows.to(mask.device).logical_not().unsqueeze(1));
        }

        if (columns is not null)
        {
            keep = keep.logical_and(columns.to(mask.device).logical_not().unsqueeze(0));
        }

        map.Mask = mask.logical_and(keep);
        map.ApplyMask();
    }

    private static void WriteEdges(EdgeMapWeight edges, UnmaskedEntries entries)
    {
        var mapRows = edges.Map.Rows;
        var mapColumns = edges.Map.Columns;
        var columns = edges.Map.InFeatures;
        if (entries.Rows != edges.Map.OutFeatures || entries.Columns != columns)
        {
            throw new InvalidOperationException($"Entries of a [{entries.Rows}, {entries.Columns}] map were given for {edges}, which is [{edges.Map.OutFeatures}, {columns}].");
        }

        var edgeOf = new Dictionary<long, int>(mapRows.Length);
        for (var i = 0; i < mapRows.Length; i++)
        {
            edgeOf.Add(((long)mapRows[i] * columns) + mapColumns[i], i);
        }

        var weights = new double[mapRows.Length];
        var mask = new bool[mapRows.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!edgeOf.TryGetValue(((long)entries.Row[i] * columns) + entries.Column[i], out var edge))
            {
                throw new InvalidOperationException($"Entry ({entries.Row[i]}, {entries.Column[i]}) is no edge of {edges}.");
            }

            weights[edge] = entries.Weight[i];
            mask[edge] = true;
        }

        var weight = edges.Weight;
        weight.copy_(tensor(weights, dtype: ScalarType.Float64).to(weight.dtype, weight.device));
        edges.Mask = tensor(mask);
    }

    private static void WriteDense(IMaskedWeight map, Tensor weight, Tensor? bias, Tensor mask)
    {
        if (map is MaskedMapView view)
        {
            view.SetWeight(weight);
            if (view.bias is not null)
            {
                view.SetBias(bias ?? throw new InvalidOperationException("A bias was expected for a map that has one."));
            }

            view.SetMask(mask.to(ScalarType.Bool));
            view.ApplyMask();
            return;
        }

        var target = map.Weight;
        target.copy_(weight.to(target.dtype, target.device));
        if (Bias(map) is { } stored)
        {
            if (bias is null)
            {
                throw new InvalidOperationException("A bias was expected for a map that has one.");
            }

            stored.copy_(bias.to(stored.dtype, stored.device));
        }

        map.Mask = mask.to(ScalarType.Bool, map.Mask.device);
        map.ApplyMask();
    }
}
