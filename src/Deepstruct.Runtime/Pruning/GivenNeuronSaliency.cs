using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Neuron saliencies the caller gives, one vector per group, checked against the groups' sizes.</summary>
internal sealed class GivenNeuronSaliency : NeuronSaliency
{
    private readonly Tensor[] _saliencies;

    public GivenNeuronSaliency(IReadOnlyList<Tensor> saliencies) => _saliencies = GivenTensors.Of(saliencies);

    // The errors name "saliency", the parameter of NeuronPruning.Prune through which the user gave these.
#pragma warning disable CA2208
    internal override Tensor[] Compute(nn.Module model, NeuronGraph graph, UnmaskedEntries[] entries)
    {
        if (_saliencies.Length != graph.GroupSizes.Count)
        {
            throw new ArgumentException($"The given saliencies are for {_saliencies.Length} layer(s), but {graph.Model} has {graph.GroupSizes.Count} layer(s) of hidden neurons.", "saliency");
        }

        var result = new Tensor[_saliencies.Length];
        for (var g = 0; g < result.Length; g++)
        {
            var given = _saliencies[g];
            if (given.Dimensions != 1 || given.shape[0] != graph.GroupSizes[g] || !given.is_floating_point())
            {
                throw new ArgumentException($"The saliency of {graph.GroupNames[g]} must be a floating-point vector of its {graph.GroupSizes[g]} neurons, but has shape {MaskedLinear.Describe(given.shape)} and dtype {given.dtype}.", "saliency");
            }

            result[g] = given.detach().to(CPU, copy: true);
        }

        return result;
    }
#pragma warning restore CA2208

    public override string ToString() => "given";
}
