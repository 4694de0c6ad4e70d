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

    internal override Tensor[] Compute(nn.Module model, NeuronGraph graph, UnmaskedEntries[] entries)
    {
        var sums = graph.GroupSizes.Select(size => new double[size]).ToArray();
        for (var m = 0; m < entries.Length; m++)
        {
            var (map, mapEntries) = (graph.Maps[m], entries[m]);
            var incoming = _weights != NeuronWeights.Outgoing && map.Target < graph.OutputGroup;
            var outgoing = _weights != NeuronWeights.Incoming && map.Source >= 0;
            for (var i = 0; i < mapEntries.Count; i++)
            {
                var weight = mapEntries.Weight[i];
                var term = _norm == NeuronNorm.L2 ? weight * weight : Math.Abs(weight);
                if (incoming)
                {
                    sums[map.Target][mapEntries.Row[i]] += term;
                }

                if (outgoing)
                {
                    sums[map.Source][mapEntries.Column[i]] += term;
                }
            }
        }

        return sums.Select(sum => tensor(_norm == NeuronNorm.L2 ? sum.Select(Math.Sqrt).ToArray() : sum, dtype: ScalarType.Float64)).ToArray();
    }

    public override string ToString() => $"magnitude ({_norm} of {_weights.ToString().ToLowerInvariant()} weights)";
}
