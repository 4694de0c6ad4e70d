using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// |w| / std, with std the (Bessel-corrected) standard deviation of the layer's unmasked weights.
/// </summary>
/// <remarks>
/// deepstruct takes the std of all stored weights; here masked weights are stored as zeros, so
/// counting them would shrink the std as pruning proceeds. On an unpruned layer both agree. A layer
/// whose std is zero or undefined (fewer than two weights left) is divided by 1: its order is |w|.
/// </remarks>
internal sealed class DistributedSaliency : SaliencySource
{
    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            using var scope = NewDisposeScope();
            var weight = layers[i].Weight.detach();
            var present = weight.masked_select(layers[i].Mask);
            var std = present.NumberOfElements >= 2 ? present.std().to_type(ScalarType.Float64).item<double>() : 0;
            var scale = std > 0 && double.IsFinite(std) ? 1 / std : 1;
            result[i] = weight.abs().mul(scale).MoveToOuterDisposeScope();
        }

        return result;
    }

    public override string ToString() => "distributed";
}
