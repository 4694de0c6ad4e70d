using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Which neurons of a pruned model matter, and what the others contribute. A neuron is <em>live</em>
/// when an unmasked path reaches it from the input, <em>useful</em> when one leads from it to the
/// output; kept neurons are both. A neuron that is not live computes a constant; a useful one's
/// constant is folded into the biases it feeds. Works in double precision on the CPU.
/// </summary>
internal sealed class CompactionAnalysis
{
    private readonly double[][] _weights;
    private readonly bool[][] _masks;
    private readonly double[]?[] _biases;
    private readonly int[] _rows;
    private readonly int[] _columns;

    private CompactionAnalysis(NeuronGraph graph)
    {
        Graph = graph;
        var maps = graph.Maps;
        _weights = new double[maps.Count][];
        _masks = new bool[maps.Count][];
        _biases = new double[]?[maps.Count];
        _rows = new int[maps.Count];
        _columns = new int[maps.Count];
        for (var m = 0; m < maps.Count; m++)
        {
            using var scope = NewDisposeScope();
            var layer = maps[m].Layer;
            _rows[m] = (int)layer.Weight.shape[0];
            _columns[m] = (int)layer.Weight.shape[1];
            _weights[m] = layer.Weight.detach().to(ScalarType.Float64, CPU).contiguous().data<double>().ToArray();
            _masks[m] = layer.Mask.to(CPU).contiguous().data<bool>().ToArray();
            _biases[m] = NeuronMapWrites.Bias(layer)?.detach().to(ScalarType.Float64, CPU).contiguous().data<double>().ToArray();
        }

        var groups = graph.GroupSizes.Count;
        Live = graph.GroupSizes.Select(size => new bool[size]).ToArray();
        Useful = graph.GroupSizes.Select(size => new bool[size]).ToArray();
        for (var g = 0; g < groups; g++)
        {
            foreach (var m in MapsInto(g))
            {
                var source = maps[m].Source;
                ForEachUnmasked(m, (row, column) =>
                {
                    if (source < 0 || Live[source][column])
                    {
                        Live[g][row] = true;
                    }
                });
            }
        }

        for (var g = groups - 1; g >= 0; g--)
        {
            foreach (var m in MapsOutOf(g))
            {
                var target = maps[m].Target;
                ForEachUnmasked(m, (row, column) =>
                {
                    if (target == graph.OutputGroup || Useful[target][row])
                    {
                        Useful[g][column] = true;
                    }
                });
            }
        }

        Kept = graph.GroupSizes.Select((size, g) => Enumerable.Range(0, size).Select(v => Live[g][v] && Useful[g][v]).ToArray()).ToArray();
    }

    public NeuronGraph Graph { get; }

    /// <summary>Per group and neuron: an unmasked path reaches it from the input.</summary>
    public bool[][] Live { get; }

    /// <summary>Per group and neuron: an unmasked path leads from it to the output.</summary>
    public bool[][] Useful { get; }

    /// <summary>Per group and neuron: live and useful.</summary>
    public bool[][] Kept { get; }

    public static CompactionAnalysis Of(NeuronGraph graph) => new(graph);

    /// <summary>Map <paramref name="map"/>'s stored weight at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public double Weight(int map, int row, int column) => _weights[map][(row * (long)_columns[map]) + column];

    /// <summary>Whether map <paramref name="map"/>'s weight at (<paramref name="row"/>, <paramref name="column"/>) is unmasked.</summary>
    public bool Unmasked(int map, int row, int column) => _masks[map][(row * (long)_columns[map]) + column];

    /// <summary>
    /// The biases of the compacted maps, per old map and old row: the old bias plus what the neurons
    /// the map reads contribute without their weights surviving — a removed neuron's constant, or the
    /// constant part of a kept neuron whose maps into it did not all survive. A kept neuron's rows in a
    /// map that does not survive (<paramref name="survives"/> false: a DAN's skip map left without
    /// edges) compute a constant too, added to what the neuron passes on. Entries of neurons that are
    /// not kept are meaningless. Without biases every constant is act(0) = 0 (the caller checks the
    /// activation), so the folded biases are all zero.
    /// </summary>
    public double[][] FoldedBiases(Func<int, bool> survives)
    {
        var maps = Graph.Maps;
        var folded = new double[maps.Count][];
        var constant = Graph.GroupSizes.Select(size => new double[size]).ToArray();
        for (var g = 0; g <= Graph.OutputGroup; g++)
        {
            var into = MapsInto(g).ToArray();
            foreach (var m in into)
            {
                var pre = _biases[m] is { } bias ? (double[])bias.Clone() : new double[_rows[m]];
                var source = maps[m].Source;
                if (source >= 0)
                {
                    var offsets = constant[source];
                    ForEachUnmasked(m, (row, column) => pre[row] += Weight(m, row, column) * offsets[column]);
                }

                folded[m] = pre;
            }

            if (g == Graph.OutputGroup)
            {
                continue;
            }

            foreach (var m in into)
            {
                var activated = Activate(maps[m].Activation!.Value, folded[m]);
                for (var v = 0; v < activated.Length; v++)
                {
                    if (!Live[g][v] || (Kept[g][v] && !survives(m)))
                    {
                        constant[g][v] += activated[v];
                    }
                }
            }
        }

        return folded;
    }

    /// <summary>The indices of the maps into group <paramref name="group"/> (the output group included).</summary>
    public IEnumerable<int> MapsInto(int group)
    {
        for (var m = 0; m < Graph.Maps.Count; m++)
        {
            if (Graph.Maps[m].Target == group)
            {
                yield return m;
            }
        }
    }

    private IEnumerable<int> MapsOutOf(int group)
    {
        for (var m = 0; m < Graph.Maps.Count; m++)
        {
            if (Graph.Maps[m].Source == group)
            {
                yield return m;
            }
        }
    }

    private void ForEachUnmasked(int map, Action<int, int> action)
    {
        var mask = _masks[map];
        var columns = _columns[map];
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                action(i / columns, i % columns);
            }
        }
    }

    private static double[] Activate(Activation activation, double[] values)
    {
        using var scope = NewDisposeScope();
        using var input = tensor(values, dtype: ScalarType.Float64);
        return ActivationFunctions.Apply(activation, input).data<double>().ToArray();
    }
}
