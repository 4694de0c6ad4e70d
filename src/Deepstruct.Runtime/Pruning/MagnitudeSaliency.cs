using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>|w|.</summary>
internal sealed class MagnitudeSaliency : SaliencySource
{
    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return layers.Select(layer => layer.Weight.detach().abs()).ToArray();
    }

    public override string ToString() => "magnitude";
}
