using System;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A map's unmasked weights as a list of (row, column, weight), in double precision on the CPU, with its
/// bias: what neuron pruning and compaction read and write, whatever the map stores. A dense map (a
/// <see cref="MaskedLinear"/>, a DAN's map under Dense) gives its unmasked entries in row-major order; a
/// DAN's map stored per edge gives its unmasked edges in edge order, read from the edge storage, so a
/// map costs O(its stored entries) and never a dense <c>[rows, columns]</c> copy of an edge map.
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

    /// <summary>The unmasked entries of <paramref name="map"/> and its bias.</summary>
    public static UnmaskedEntries Of(IMaskedWeight map)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var bias = NeuronMapWrites.Bias(map) is { } stored ? Doubles(stored) : null;
        if (map is MaskedMapView { Edges: { } edges } view)
        {
            var mask = edges.Mask.to(CPU).contiguous().data<bool>().ToArray();
            var weights = Doubles(edges.Weight);
            var mapRows = edges.Map.Rows;
            var mapColumns = edges.Map.Columns;
            var count = mask.Count(unmasked => unmasked);
            var (row, column, weight) = (new int[count], new int[count], new double[count]);
            var next = 0;
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i])
                {
                    (row[next], column[next], weight[next]) = (mapRows[i], mapColumns[i], weights[i]);
                    next++;
                }
            }

            return new UnmaskedEntries((int)view.OutFeatures, (int)view.InFeatures, row, column, weight, bias);
        }

        var dense = map.Mask;
        var (rows, columns) = ((int)dense.shape[0], (int)dense.shape[1]);
        using var positions = dense.to(CPU).flatten().nonzero().flatten();
        var flat = positions.data<long>().ToArray();
        var values = Doubles(map.Weight.detach().to(CPU).flatten().index_select(0, positions));
        return new UnmaskedEntries(
            rows,
            columns,
            Array.ConvertAll(flat, position => (int)(position / columns)),
            Array.ConvertAll(flat, position => (int)(position % columns)),
            values,
            bias);
    }

    private static double[] Doubles(Tensor values) => values.detach().to(ScalarType.Float64, CPU).contiguous().data<double>().ToArray();
}
