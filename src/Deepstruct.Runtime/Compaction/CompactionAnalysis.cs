using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Which neurons of a pruned model matter, and what the others contribute. A neuron is <em>live</em>
/// when an unmasked path reaches it from the input, <em>useful</em> when one leads from it to the
/// output; kept neurons are both. A neuron that is not live computes a constant; a useful one's
/// constant is folded into the biases it feeds. Works in double precision on the CPU, on each map's
/// unmasked entries (<see cref="UnmaskedEntries"/>), so it costs O(neurons + unmasked weights) and never
/// copies a DAN's map stored per edge into a dense matrix.
/// </summary>
internal sealed class CompactionAnalysis
{
    private readonly UnmaskedEntries[] _entries;
    private readonly HashSet<long>?[] _unmasked;

    private CompactionAnalysis(NeuronGraph graph)
    {
        Graph = graph;
        var maps = graph.Maps;
        _entries = UnmaskedEntries.Of(graph, withBias: true);
        _unmasked = new HashSet<long>?[maps.Count];
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

    /// <summary>Map <paramref name="map"/>'s unmasked entries and bias.</summary>
    public UnmaskedEntries Entries(int map) => _entries[map];

    /// <summary>Whether map <paramref name="map"/>'s weight at (<paramref name="row"/>, <paramref name="column"/>) is unmasked (a set of the map's entries, built on first use).</summary>
    public bool Unmasked(int map, int row, int column)
    {
        var entries = _entries[map];
        if (_unmasked[map] is not { } set)
        {
            set = new HashSet<long>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                set.Add(((long)entries.Row[i] * entries.Columns) + entries.Column[i]);
            }

            _unmasked[map] = set;
        }

        return set.Contains(((long)row * entries.Columns) + column);
    }

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
                var entries = _entries[m];
                var pre = entries.Bias is { } bias ? (double[])bias.Clone() : new double[entries.Rows];
                var source = maps[m].Source;
                if (source >= 0)
                {
                    var offsets = constant[source];
                    for (var i = 0; i < entries.Count; i++)
                    {
                        pre[entries.Row[i]] += entries.Weight[i] * offsets[entries.Column[i]];
                    }
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
        var entries = _entries[map];
        for (var i = 0; i < entries.Count; i++)
        {
            action(entries.Row[i], entries.Column[i]);
        }
    }

    private static double[] Activate(Activation activation, double[] values)
    {
        using var scope = NewDisposeScope();
        using var input = tensor(values, dtype: ScalarType.Float64);
        return ActivationFunctions.Apply(activation, input).data<double>().ToArray();
    }
}
