using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Each layer's stored <see cref="IMaskedWeight.Saliency"/> (|w| unless set).</summary>
internal sealed class StoredSaliency : SaliencySource
{
    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return layers.Select(layer => layer.Saliency ?? layer.Weight.detach().abs()).ToArray();
    }

    public override string ToString() => "stored";
}
