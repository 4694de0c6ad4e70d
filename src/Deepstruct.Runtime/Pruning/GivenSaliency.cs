using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Saliencies the caller gives, one per layer, shape-checked against the layers' weights.</summary>
internal sealed class GivenSaliency : SaliencySource
{
    private readonly Tensor[] _saliencies;

    public GivenSaliency(IReadOnlyList<Tensor> saliencies) => _saliencies = GivenTensors.Of(saliencies);

    // The errors name "saliency": the parameter of Pruning's methods through which the user gave these.
#pragma warning disable CA2208
    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count != _saliencies.Length)
        {
            throw new ArgumentException($"The given saliencies are for {_saliencies.Length} layer(s), but {layers.Count} layer(s) are pruned.", "saliency");
        }

        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var weight = layers[i].Weight;
            if (!Equal(_saliencies[i].shape, weight.shape))
            {
                throw new ArgumentException($"The saliency of layer {i} must have its weight's shape {MaskedLinear.Describe(weight.shape)}, but has shape {MaskedLinear.Describe(_saliencies[i].shape)}.", "saliency");
            }

            result[i] = _saliencies[i].detach().to(weight.dtype, weight.device, copy: true);
        }

        return result;
    }
#pragma warning restore CA2208

    public override string ToString() => "given";

    private static bool Equal(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);
}
