using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Deepstruct;

/// <summary>
/// Which of a model's masked weights pruning works on: all of them (the default), some of them, or
/// all but some. Positions count in the order of <see cref="MaskedWeights.Of"/> (for Deepstruct's
/// models, <see cref="MaskableModule.MaskableLayers"/>).
/// </summary>
public sealed class LayerSelection
{
    private readonly Func<IReadOnlyList<IMaskedWeight>, bool[]> _choose;
    private readonly string _description;

    private LayerSelection(Func<IReadOnlyList<IMaskedWeight>, bool[]> choose, string description)
    {
        _choose = choose;
        _description = description;
    }

    /// <summary>Every masked weight.</summary>
    public static LayerSelection All { get; } = new(layers => layers.Select(_ => true).ToArray(), "all layers");

    /// <summary>Only the given masked weights (each must belong to the model).</summary>
    public static LayerSelection Only(params IMaskedWeight[] layers) => ByReference(layers, include: true);

    /// <summary>Every masked weight except the given ones (each must belong to the model); e.g. all but the output map.</summary>
    public static LayerSelection AllExcept(params IMaskedWeight[] layers) => ByReference(layers, include: false);

    /// <summary>Only the masked weights at the given positions.</summary>
    public static LayerSelection Only(params int[] positions) => ByPosition(positions, include: true);

    /// <summary>Every masked weight except those at the given positions.</summary>
    public static LayerSelection AllExcept(params int[] positions) => ByPosition(positions, include: false);

    /// <summary>The masked weights for which <paramref name="predicate"/> (given the weight and its position) holds.</summary>
    public static LayerSelection Where(Func<IMaskedWeight, int, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new LayerSelection(layers => layers.Select((layer, i) => predicate(layer, i)).ToArray(), "a predicate");
    }

    /// <summary>For each of <paramref name="layers"/>, whether it is selected.</summary>
    /// <exception cref="ArgumentException">A position is out of range or a weight is not among <paramref name="layers"/>.</exception>
    public bool[] Choose(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return _choose(layers);
    }

    /// <inheritdoc />
    public override string ToString() => _description;

    private static LayerSelection ByReference(IMaskedWeight[] chosen, bool include)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var set = chosen.ToArray();
        return new LayerSelection(
            layers =>
            {
                for (var i = 0; i < set.Length; i++)
                {
                    if (!layers.Contains(set[i]))
                    {
                        throw new ArgumentException($"The layer selection names a masked weight ({set[i]}, argument {i}) that is not a layer of the model.", nameof(layers));
                    }
                }

                return layers.Select(layer => set.Contains(layer) == include).ToArray();
            },
            (include ? "only " : "all except ") + set.Length.ToString(CultureInfo.InvariantCulture) + " given layer(s)");
    }

    private static LayerSelection ByPosition(int[] positions, bool include)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var set = positions.ToArray();
        return new LayerSelection(
            layers =>
            {
                foreach (var position in set)
                {
                    if (position < 0 || position >= layers.Count)
                    {
                        throw new ArgumentOutOfRangeException(nameof(positions), position, $"The layer selection names position {position}, but the model has {layers.Count} masked layer(s) (positions 0 to {layers.Count - 1}).");
                    }
                }

                return layers.Select((_, i) => set.Contains(i) == include).ToArray();
            },
            (include ? "only positions " : "all except positions ") + string.Join(", ", set));
    }
}
