using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Structures;
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
    /// Masks the pruned neurons of every map of <paramref name="graph"/>: in each map, the rows of the pruned
    /// neurons of its target and the columns of those of its source; zeroes the masked weights and the biases
    /// of those rows. <paramref name="pruned"/> holds per group a CPU bool vector, or <see langword="null"/> when
    /// the group lost none. The maps of a DAN stored per edge are written together, edge by edge, with one read
    /// and one write of its edge storage.
    /// </summary>
    public static void MaskNeurons(NeuronGraph graph, Tensor?[] pruned)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var edgeWrites = new Dictionary<EdgeDanMaps, EdgeMasking>(ReferenceEqualityComparer.Instance);
        foreach (var map in graph.Maps)
        {
            var rows = map.Target < graph.OutputGroup ? pruned[map.Target] : null;
            var columns = map.Source >= 0 ? pruned[map.Source] : null;
            if (rows is null && columns is null)
            {
                continue;
            }

            if (map.Layer is MaskedMapView { Edges: { } edges })
            {
                if (!edgeWrites.TryGetValue(edges.Storage, out var masking))
                {
                    masking = new EdgeMasking(edges.Storage.EdgeMasks.to(CPU).contiguous().data<bool>().ToArray());
                    edgeWrites.Add(edges.Storage, masking);
                }

                masking.Mask(edges.Slice, rows?.data<bool>().ToArray(), columns?.data<bool>().ToArray());
                continue;
            }

            MaskDense(map.Layer, rows, columns);
            if (rows is not null && Bias(map.Layer) is { } bias)
            {
                bias.masked_fill_(rows.to(bias.device), 0);
            }
        }

        foreach (var (storage, masking) in edgeWrites)
        {
            masking.WriteTo(storage);
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
            if (entries.Bias is { } values && edges.Storage.HasBias)
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

    /// <summary>What neuron pruning changes in a DAN's edge storage, gathered over its maps and written once.</summary>
    private sealed class EdgeMasking
    {
        private readonly bool[] _mask;
        private readonly List<long> _segments = new();
        private readonly List<long> _edgeless = new();

        public EdgeMasking(bool[] mask)
        {
            _mask = mask;
        }

        /// <summary>Masks the map's edges in a pruned row or column; the pruned rows' biases are to be zeroed.</summary>
        public void Mask(EdgeDanMapSlice slice, bool[]? rows, bool[]? columns)
        {
            var mapRows = slice.Rows;
            var mapColumns = slice.Columns;
            for (var i = 0; i < slice.EdgeCount; i++)
            {
                if ((rows is not null && rows[mapRows[i]]) || (columns is not null && columns[mapColumns[i]]))
                {
                    _mask[slice.EdgeStart + i] = false;
                }
            }

            if (rows is null)
            {
                return;
            }

            var (segmentOf, edgelessOf) = (slice.SegmentOfRow, slice.EdgelessOfRow);
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r])
                {
                    if (segmentOf[r] >= 0)
                    {
                        _segments.Add(segmentOf[r]);
                    }
                    else
                    {
                        _edgeless.Add(edgelessOf[r]);
                    }
                }
            }
        }

        public void WriteTo(EdgeDanMaps storage)
        {
            storage.EdgeMasks.copy_(tensor(_mask));
            MaskAssignment.ZeroMasked(storage.EdgeWeights, storage.EdgeMasks);
            Zero(storage.SegmentBiases, _segments);
            Zero(storage.EdgelessBiases, _edgeless);
        }

        private static void Zero(Tensor? biases, List<long> indices)
        {
            if (biases is not null && indices.Count > 0)
            {
                using var at = tensor(indices.ToArray(), device: biases.device);
                biases.index_fill_(0, at, 0);
            }
        }
    }
}
