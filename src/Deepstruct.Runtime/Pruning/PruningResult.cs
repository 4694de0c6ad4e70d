using System.Collections.Generic;
using System.Linq;

namespace Deepstruct;

/// <summary>What one call of <see cref="Pruning"/> masked.</summary>
public sealed class PruningResult
{
    internal PruningResult(IReadOnlyList<IMaskedWeight> layers, IReadOnlyList<long> unmaskedBefore, IReadOnlyList<long> pruned)
    {
        Layers = layers;
        UnmaskedBefore = unmaskedBefore;
        PrunedPerLayer = pruned;
    }

    /// <summary>The layers pruning worked on, in order.</summary>
    public IReadOnlyList<IMaskedWeight> Layers { get; }

    /// <summary>For each layer, the weights present before the call.</summary>
    public IReadOnlyList<long> UnmaskedBefore { get; }

    /// <summary>For each layer, the weights the call masked.</summary>
    public IReadOnlyList<long> PrunedPerLayer { get; }

    /// <summary>The weights the call masked, over all layers.</summary>
    public long Pruned => PrunedPerLayer.Sum();

    /// <summary>The weights present before the call, over all layers.</summary>
    public long Candidates => UnmaskedBefore.Sum();
}
