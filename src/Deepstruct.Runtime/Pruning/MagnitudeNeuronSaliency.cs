using System;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>The L1 or L2 norm of each neuron's unmasked incoming, outgoing or all weights, in double precision.</summary>
internal sealed class MagnitudeNeuronSaliency : NeuronSaliency
{
    private readonly NeuronWeights _weights;
    private readonly NeuronNorm _norm;

    public MagnitudeNeuronSaliency(NeuronWeights weights, NeuronNorm norm)
    {
        _weights = weights;
        _norm = norm;
    }

    internal override Tensor[] Compute(nn.Module model, NeuronGraph graph)
    {
        var sums = graph.GroupSizes.Select(size => new double[size]).ToArray();
        // The unmasked entries: a map stored per edge is read edge by edge, never as a dense matrix.
        var all = UnmaskedEntries.Of(graph, withBias: false);
        for (var m = 0; m < all.Length; m++)
        {
            var (map, entries) = (graph.Maps[m], all[m]);
            var incoming = _weights != NeuronWeights.Outgoing && map.Target < graph.OutputGroup;
            var outgoing = _weights != NeuronWeights.Incoming && map.Source >= 0;
            for (var i = 0; i < entries.Count; i++)
            {
                var weight = entries.Weight[i];
                var term = _norm == NeuronNorm.L2 ? weight * weight : Math.Abs(weight);
                if (incoming)
                {
                    sums[map.Target][entries.Row[i]] += term;
                }

                if (outgoing)
                {
                    sums[map.Source][entries.Column[i]] += term;
                }
            }
        }

        return sums.Select(sum => tensor(_norm == NeuronNorm.L2 ? sum.Select(Math.Sqrt).ToArray() : sum, dtype: ScalarType.Float64)).ToArray();
    }

    public override string ToString() => $"magnitude ({_norm} of {_weights.ToString().ToLowerInvariant()} weights)";
}
