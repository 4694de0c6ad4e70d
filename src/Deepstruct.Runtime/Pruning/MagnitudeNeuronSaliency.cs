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
        var sums = new Tensor[graph.GroupSizes.Count];
        for (var g = 0; g < sums.Length; g++)
        {
            sums[g] = zeros(graph.GroupSizes[g], dtype: ScalarType.Float64);
        }

        using (no_grad())
        {
            foreach (var map in graph.Maps)
            {
                using var scope = NewDisposeScope();
                var weight = map.Layer.Weight.to(ScalarType.Float64, CPU).mul(map.Layer.Mask.to(CPU));
                var term = _norm == NeuronNorm.L2 ? weight.square() : weight.abs();
                if (_weights != NeuronWeights.Outgoing && map.Target < graph.OutputGroup)
                {
                    sums[map.Target].add_(term.sum(1L));
                }

                if (_weights != NeuronWeights.Incoming && map.Source >= 0)
                {
                    sums[map.Source].add_(term.sum(0L));
                }
            }

            if (_norm == NeuronNorm.L2)
            {
                foreach (var sum in sums)
                {
                    sum.sqrt_();
                }
            }
        }

        return sums;
    }

    public override string ToString() => $"magnitude ({_norm} of {_weights.ToString().ToLowerInvariant()} weights)";
}
