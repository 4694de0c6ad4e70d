using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Deepstruct;

/// <summary>
/// What one call of <see cref="Pruning"/> masked: totals (<see cref="Pruned"/> of
/// <see cref="UnmaskedBefore"/>) and the same per layer. <see cref="ToString"/> reads as a sentence.
/// </summary>
public sealed class PruningResult
{
    internal PruningResult(IReadOnlyList<IMaskedWeight> layers, IReadOnlyList<long> unmaskedBefore, IReadOnlyList<long> pruned)
    {
        Layers = layers;
        UnmaskedBeforePerLayer = unmaskedBefore;
        PrunedPerLayer = pruned;
        UnmaskedBefore = unmaskedBefore.Sum();
        Pruned = pruned.Sum();
    }

    /// <summary>The layers pruning worked on, in order.</summary>
    public IReadOnlyList<IMaskedWeight> Layers { get; }

    /// <summary>The weights present before the call, over all layers: the candidates.</summary>
    public long UnmaskedBefore { get; }

    /// <summary>The weights the call masked, over all layers.</summary>
    public long Pruned { get; }

    /// <summary>The weights present after the call, over all layers.</summary>
    public long UnmaskedAfter => UnmaskedBefore - Pruned;

    /// <summary>For each layer (parallel to <see cref="Layers"/>), the weights present before the call.</summary>
    public IReadOnlyList<long> UnmaskedBeforePerLayer { get; }

    /// <summary>For each layer (parallel to <see cref="Layers"/>), the weights the call masked.</summary>
    public IReadOnlyList<long> PrunedPerLayer { get; }

    /// <summary>
    /// The result as a sentence, culture-invariant, e.g. <c>pruned 36 of 72 unmasked weights (50.00 %) in 2 layers, 36 left; per layer: 30 of 60, 6 of 12</c>.
    /// </summary>
    public override string ToString()
    {
        var share = UnmaskedBefore == 0 ? 0 : (double)Pruned / UnmaskedBefore;
        var perLayer = string.Join(", ", PrunedPerLayer.Select((pruned, i) => Number(pruned) + " of " + Number(UnmaskedBeforePerLayer[i])));
        return string.Format(
            CultureInfo.InvariantCulture,
            "pruned {0} of {1} unmasked weights ({2:0.00} %) in {3} layer{4}, {5} left; per layer: {6}",
            Number(Pruned),
            Number(UnmaskedBefore),
            share * 100,
            Layers.Count,
            Layers.Count == 1 ? string.Empty : "s",
            Number(UnmaskedAfter),
            perLayer);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
