using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Masks the least salient weights of a model (deepstruct's <c>prune_network_by_saliency</c> and
/// <c>prune_layer_by_saliency</c>), exactly and deterministically.
/// </summary>
/// <remarks>
/// <para>
/// Only weights still unmasked are candidates and counted (N); masked weights stay masked, so
/// pruning composes. Pruned weights are also set to exactly zero (<see cref="IMaskedWeight.ApplyMask"/>).
/// </para>
/// <para>
/// Tie-breaking: candidates are ordered by saliency, ascending; among equal saliencies the earlier
/// layer (in <see cref="MaskedWeights.Of"/> order) goes first, and within a layer the lower row-major
/// (flattened) index. So the same model, masks and saliencies always give the same masks. −0 equals
/// +0; a NaN saliency of an unmasked weight is an error whenever weights are to be ranked.
/// </para>
/// </remarks>
public static class Pruning
{
    /// <summary>
    /// Global pruning: masks the least salient weights across all selected layers together, so a
    /// layer may lose more or less than the overall share.
    /// </summary>
    /// <param name="model">A module holding masked weights (any <see cref="MaskableModule"/>, or a module containing some).</param>
    /// <param name="value">The amount, read as <paramref name="strategy"/> says.</param>
    /// <param name="strategy">Percentage of the unmasked weights (default), absolute count, or saliency bucket.</param>
    /// <param name="saliency">Where saliencies come from; <see langword="null"/> reads each layer's stored <see cref="IMaskedWeight.Saliency"/> (|w| unless set).</param>
    /// <param name="layers">Which layers take part; <see langword="null"/> for all.</param>
    /// <returns>How many weights each layer lost.</returns>
    /// <exception cref="ArgumentException">The model has no maskable layer, the selection none, the value is out of range for the strategy, or a saliency has the wrong shape or a NaN.</exception>
    public static PruningResult PruneNetworkBySaliency(nn.Module model, double value, PruningStrategy strategy = PruningStrategy.Percentage, SaliencySource? saliency = null, LayerSelection? layers = null) =>
        Prune(Select(model, layers), value, strategy, saliency, global: true);

    /// <summary>Global pruning over the given masked weights (see the other overload).</summary>
    /// <exception cref="ArgumentException">No layer is given, or as in the other overload.</exception>
    public static PruningResult PruneNetworkBySaliency(IEnumerable<IMaskedWeight> layers, double value, PruningStrategy strategy = PruningStrategy.Percentage, SaliencySource? saliency = null) =>
        Prune(Given(layers), value, strategy, saliency, global: true);

    /// <summary>
    /// Layer-wise pruning: each selected layer loses its own share — a percentage p of each layer's
    /// unmasked weights; an absolute count shared in proportion to the layers' unmasked counts
    /// (largest remainders first, earlier layer on equal remainders); or a bucket per layer.
    /// </summary>
    /// <param name="model">A module holding masked weights.</param>
    /// <param name="value">The amount, read as <paramref name="strategy"/> says.</param>
    /// <param name="strategy">Percentage (default), absolute count, or bucket.</param>
    /// <param name="saliency">Where saliencies come from; <see langword="null"/> reads the stored ones.</param>
    /// <param name="layers">Which layers take part; <see langword="null"/> for all.</param>
    /// <returns>How many weights each layer lost.</returns>
    /// <exception cref="ArgumentException">As for <see cref="PruneNetworkBySaliency(nn.Module, double, PruningStrategy, SaliencySource?, LayerSelection?)"/>.</exception>
    public static PruningResult PruneLayerBySaliency(nn.Module model, double value, PruningStrategy strategy = PruningStrategy.Percentage, SaliencySource? saliency = null, LayerSelection? layers = null) =>
        Prune(Select(model, layers), value, strategy, saliency, global: false);

    /// <summary>Layer-wise pruning over the given masked weights (see the other overload).</summary>
    /// <exception cref="ArgumentException">No layer is given, or as in the other overload.</exception>
    public static PruningResult PruneLayerBySaliency(IEnumerable<IMaskedWeight> layers, double value, PruningStrategy strategy = PruningStrategy.Percentage, SaliencySource? saliency = null) =>
        Prune(Given(layers), value, strategy, saliency, global: false);

    /// <summary>
    /// Stores <paramref name="source"/>'s saliencies in the selected layers' <see cref="IMaskedWeight.Saliency"/>,
    /// where pruning without a source reads them (deepstruct's <c>set_random_saliency</c>, <c>set_distributed_saliency</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The model has no maskable layer, or the source fails for its layers.</exception>
    public static void SetSaliency(nn.Module model, SaliencySource source, LayerSelection? layers = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var selected = Select(model, layers);
        var values = source.Compute(selected);
        try
        {
            for (var i = 0; i < selected.Count; i++)
            {
                selected[i].Saliency = values[i];
            }
        }
        finally
        {
            foreach (var tensor in values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Returns every layer's saliency to |w| (forgets set saliencies).</summary>
    /// <exception cref="ArgumentException">The model has no maskable layer.</exception>
    public static void ResetSaliency(nn.Module model)
    {
        foreach (var layer in Select(model, null))
        {
            layer.Saliency = null;
        }
    }

    /// <summary>The number of weights still unmasked over all masked layers (deepstruct's <c>get_network_weight_count</c>).</summary>
    /// <exception cref="ArgumentException">The model has no maskable layer.</exception>
    public static long UnmaskedWeightCount(nn.Module model)
    {
        var count = 0L;
        foreach (var layer in Select(model, null))
        {
            count += layer.WeightCount;
        }

        return count;
    }

    internal static IReadOnlyList<IMaskedWeight> Select(nn.Module model, LayerSelection? layers)
    {
        ArgumentNullException.ThrowIfNull(model);
        var all = MaskedWeights.Of(model);
        if (all.Count == 0)
        {
            throw new ArgumentException($"The model ({model.GetType().Name}) has no maskable layers: nothing to prune.", nameof(model));
        }

        if (layers is null)
        {
            return all;
        }

        var chosen = layers.Choose(all);
        var selected = all.Where((_, i) => chosen[i]).ToArray();
        if (selected.Length == 0)
        {
            throw new ArgumentException($"The layer selection ({layers}) selects none of the model's {all.Count} maskable layers.", nameof(layers));
        }

        return selected;
    }

    private static IMaskedWeight[] Given(IEnumerable<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = layers.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("No maskable layers were given: nothing to prune.", nameof(layers));
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"layers[{i}] is null.", nameof(layers));
            }
        }

        return list;
    }

    private static PruningResult Prune(IReadOnlyList<IMaskedWeight> layers, double value, PruningStrategy strategy, SaliencySource? saliency, bool global)
    {
        CheckValue(value, strategy);
        var saliencies = (saliency ?? SaliencySource.Stored).Compute(layers);
        var selection = new List<SelectionLayer>(layers.Count);
        try
        {
            var dtype = ScalarType.Float32;
            for (var i = 0; i < layers.Count; i++)
            {
                CheckSaliency(saliencies[i], layers[i], i, nameof(saliency));
                if (saliencies[i].dtype != ScalarType.Float32)
                {
                    dtype = ScalarType.Float64;
                }
            }

            foreach (var (layer, i) in layers.Select((layer, i) => (layer, i)))
            {
                selection.Add(new SelectionLayer(layer, i, saliencies[i], dtype));
            }

            var pruned = dtype == ScalarType.Float32
                ? Run<float, SingleCodec>(selection, value, strategy, global)
                : Run<double, DoubleCodec>(selection, value, strategy, global);
            for (var i = 0; i < selection.Count; i++)
            {
                if (pruned[i] > 0)
                {
                    selection[i].Commit();
                    layers[i].ApplyMask();
                }
            }

            return new PruningResult(layers, selection.Select(layer => layer.Unmasked).ToArray(), pruned);
        }
        finally
        {
            foreach (var layer in selection)
            {
                layer.Dispose();
            }

            foreach (var tensor in saliencies)
            {
                tensor.Dispose();
            }
        }
    }

    internal static long[] Run<T, TCodec>(List<SelectionLayer> layers, double value, PruningStrategy strategy, bool global)
        where T : unmanaged
        where TCodec : ISaliencyCodec<T>
    {
        var unmasked = layers.Sum(layer => layer.Unmasked);
        if (global)
        {
            var cut = strategy == PruningStrategy.Bucket
                ? SaliencySelection.ByBucket<T, TCodec>(layers, value)
                : SaliencySelection.ByCount<T, TCodec>(layers, Count(value, strategy, unmasked));
            return SaliencySelection.Apply<T, TCodec>(layers, cut);
        }

        var shares = strategy == PruningStrategy.Absolute ? Apportion(Count(value, strategy, unmasked), layers.Select(layer => layer.Unmasked).ToArray()) : null;
        var pruned = new long[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var single = new[] { layers[i] };
            var cut = strategy switch
            {
                PruningStrategy.Bucket => SaliencySelection.ByBucket<T, TCodec>(single, value),
                PruningStrategy.Absolute => SaliencySelection.ByCount<T, TCodec>(single, shares![i]),
                _ => SaliencySelection.ByCount<T, TCodec>(single, Count(value, strategy, layers[i].Unmasked)),
            };
            pruned[i] = SaliencySelection.Apply<T, TCodec>(single, cut)[0];
        }

        return pruned;
    }

    /// <summary>⌊p·N/100⌋ for a percentage (p as the decimal it prints as), or k for an absolute count.</summary>
    internal static long Count(double value, PruningStrategy strategy, long unmasked)
    {
        if (strategy == PruningStrategy.Percentage)
        {
            // decimal(double) keeps 15 significant digits: 0.3 is 3/10, not 0.29999…, so 0.3 % of 1000 is 3.
            return (long)decimal.Floor((decimal)value * unmasked / 100m);
        }

        if (value > unmasked)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "Cannot prune {0} weights: only {1} are unmasked.", value, unmasked));
        }

        return (long)value;
    }

    /// <summary>Shares <paramref name="total"/> in proportion to <paramref name="sizes"/>: floors first, then one more to the largest remainders (earlier on ties).</summary>
    internal static long[] Apportion(long total, long[] sizes)
    {
        var sum = sizes.Sum();
        var shares = new long[sizes.Length];
        if (sum == 0)
        {
            return shares;
        }

        var remainders = new Int128[sizes.Length];
        var given = 0L;
        for (var i = 0; i < sizes.Length; i++)
        {
            var product = (Int128)total * sizes[i];
            shares[i] = (long)(product / sum);
            remainders[i] = product % sum;
            given += shares[i];
        }

        foreach (var i in Enumerable.Range(0, sizes.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)(total - given)))
        {
            shares[i]++;
        }

        return shares;
    }

    internal static void CheckValue(double value, PruningStrategy strategy)
    {
        switch (strategy)
        {
            case PruningStrategy.Percentage when !(value >= 0 && value <= 100):
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "A percentage must lie in [0, 100], but value was {0}.", value));
            case PruningStrategy.Absolute when !(value >= 0) || double.IsInfinity(value) || Math.Floor(value) != value:
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "An absolute count must be a whole number ≥ 0, but value was {0}.", value));
            case PruningStrategy.Bucket when !(value >= 0) || double.IsInfinity(value):
                throw new ArgumentOutOfRangeException(nameof(value), value, string.Format(CultureInfo.InvariantCulture, "A bucket must be a finite number ≥ 0, but value was {0}.", value));
            case PruningStrategy.Percentage or PruningStrategy.Absolute or PruningStrategy.Bucket:
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy, $"Unknown pruning strategy {strategy}.");
        }
    }

    private static void CheckSaliency(Tensor saliency, IMaskedWeight layer, int index, string parameterName)
    {
        if (!saliency.shape.AsSpan().SequenceEqual(layer.Weight.shape))
        {
            throw new ArgumentException($"The saliency of layer {index} must have its weight's shape {MaskedLinear.Describe(layer.Weight.shape)}, but has shape {MaskedLinear.Describe(saliency.shape)}.", parameterName);
        }

        if (!saliency.is_floating_point())
        {
            throw new ArgumentException($"The saliency of layer {index} must be floating point, but has dtype {saliency.dtype}.", parameterName);
        }
    }
}
