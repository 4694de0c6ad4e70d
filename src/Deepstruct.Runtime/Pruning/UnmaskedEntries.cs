using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A map's unmasked weights as a list of (row, column, weight), in double precision on the CPU, with its
/// bias: what neuron pruning and compaction read and write, whatever the map stores. A dense map (a
/// <see cref="MaskedLinear"/>, a DAN's map under Dense) gives its unmasked entries in row-major order; a
/// DAN's map stored per edge gives its unmasked edges in edge order, read from the edge storage, so a
/// map costs O(its stored entries + rows) and never a dense <c>[rows, columns]</c> copy of an edge map.
/// </summary>
internal sealed class UnmaskedEntries
{
    public UnmaskedEntries(int rows, int columns, int[] row, int[] column, double[] weight, double[]? bias)
    {
        Rows = rows;
        Columns = columns;
        Row = row;
        Column = column;
        Weight = weight;
        Bias = bias;
    }

    /// <summary>The map's rows: neurons of its target.</summary>
    public int Rows { get; }

    /// <summary>The map's columns: neurons of its source.</summary>
    public int Columns { get; }

    /// <summary>Per entry, its row.</summary>
    public int[] Row { get; }

    /// <summary>Per entry, its column.</summary>
    public int[] Column { get; }

    /// <summary>Per entry, its weight.</summary>
    public double[] Weight { get; }

    /// <summary>The bias per row, or <see langword="null"/> when the map has none.</summary>
    public double[]? Bias { get; }

    /// <summary>The entries.</summary>
    public int Count => Row.Length;

    /// <summary>
    /// The unmasked entries and bias of every map of <paramref name="graph"/>, in its map order. The maps of a
    /// DAN stored per edge are read from one copy of its edge storage (weights, mask, biases), so a DAN of
    /// thousands of maps costs a few tensor reads, not a few per map. Without <paramref name="withBias"/> the
    /// entries have no <see cref="Bias"/> (reading it costs O(rows) per map).
    /// </summary>
    public static UnmaskedEntries[] Of(NeuronGraph graph, bool withBias)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var snapshots = new Dictionary<EdgeDanMaps, EdgeSnapshot>(ReferenceEqualityComparer.Instance);
        var entries = new UnmaskedEntries[graph.Maps.Count];
        for (var m = 0; m < entries.Length; m++)
        {
            var layer = graph.Maps[m].Layer;
            if (layer is MaskedMapView { Edges: { } edges })
            {
                if (!snapshots.TryGetValue(edges.Storage, out var snapshot))
                {
                    snapshot = EdgeSnapshot.Of(edges.Storage, withBias);
                    snapshots.Add(edges.Storage, snapshot);
                }

                entries[m] = OfEdges(edges.Slice, snapshot);
            }
            else
            {
                entries[m] = OfDense(layer, withBias);
            }
        }

        return entries;
    }

    /// <summary>The unmasked entries of one masked linear layer, in row-major order, with its bias.</summary>
    public static UnmaskedEntries Of(MaskedLinear layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return OfDense(layer, withBias: true);
    }

    /// <summary>A map stored per edge: its unmasked edges in edge order, its bias rows from segments and edgeless rows.</summary>
    private static UnmaskedEntries OfEdges(EdgeDanMapSlice slice, EdgeSnapshot snapshot)
    {
        var mapRows = slice.Rows;
        var mapColumns = slice.Columns;
        var count = 0;
        for (var i = 0; i < slice.EdgeCount; i++)
        {
            count += snapshot.Mask[slice.EdgeStart + i] ? 1 : 0;
        }

        var (row, column, weight) = (new int[count], new int[count], new double[count]);
        var next = 0;
        for (var i = 0; i < slice.EdgeCount; i++)
        {
            if (snapshot.Mask[slice.EdgeStart + i])
            {
                (row[next], column[next], weight[next]) = (mapRows[i], mapColumns[i], snapshot.Weights[slice.EdgeStart + i]);
                next++;
            }
        }

        double[]? bias = null;
        if (snapshot.SegmentBiases is { } segments && snapshot.EdgelessBiases is { } edgeless)
        {
            bias = new double[slice.Map.OutFeatures];
            var (segmentOf, edgelessOf) = (slice.SegmentOfRow, slice.EdgelessOfRow);
            for (var r = 0; r < bias.Length; r++)
            {
                bias[r] = segmentOf[r] >= 0 ? segments[segmentOf[r]] : edgeless[edgelessOf[r]];
            }
        }

        return new UnmaskedEntries(slice.Map.OutFeatures, slice.Map.InFeatures, row, column, weight, bias);
    }

    /// <summary>A dense map: its unmasked entries in row-major order.</summary>
    private static UnmaskedEntries OfDense(IMaskedWeight map, bool withBias)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var bias = withBias && NeuronMapWrites.Bias(map) is { } stored ? TensorValues.Doubles(stored) : null;
        var dense = map.Mask;
        var (rows, columns) = ((int)dense.shape[0], (int)dense.shape[1]);
        using var positions = dense.to(CPU).flatten().nonzero().flatten();
        var flat = positions.data<long>().ToArray();
        var values = TensorValues.Doubles(map.Weight.detach().to(CPU).flatten().index_select(0, positions));
        return new UnmaskedEntries(
            rows,
            columns,
            Array.ConvertAll(flat, position => (int)(position / columns)),
            Array.ConvertAll(flat, position => (int)(position % columns)),
            values,
            bias);
    }

    /// <summary>A DAN's edge storage copied to the CPU in double precision, read once for all its maps.</summary>
    private sealed record EdgeSnapshot(double[] Weights, bool[] Mask, double[]? SegmentBiases, double[]? EdgelessBiases)
    {
        public static EdgeSnapshot Of(EdgeDanMaps storage, bool withBias)
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            return new EdgeSnapshot(
                TensorValues.Doubles(storage.EdgeWeights),
                storage.EdgeMasks.to(CPU).contiguous().data<bool>().ToArray(),
                withBias && storage.SegmentBiases is { } segments ? TensorValues.Doubles(segments) : null,
                withBias && storage.EdgelessBiases is { } edgeless ? TensorValues.Doubles(edgeless) : null);
        }
    }
}
