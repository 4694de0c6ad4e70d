using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Finds the least salient unmasked weights over one or more layers and masks them, exactly and in
/// linear time: a radix select on order-preserving keys (11 bits per pass) rather than a sort or a
/// quantile, so 30M weights cost a few passes and no 2^24 limit applies.
/// </summary>
/// <remarks>
/// Order: ascending saliency; equal saliencies are taken in candidate order — the layers in the
/// order given, each in row-major (flattened) order. -0 and +0 are equal.
/// </remarks>
internal static class SaliencySelection
{
    private const int DigitBits = 11;
    private const int Bins = 1 << DigitBits;
    private const ulong DigitMask = Bins - 1;

    /// <summary>The cut: every candidate with a key below <see cref="Key"/> is selected, and the first <see cref="Ties"/> equal to it.</summary>
    internal readonly record struct Cut(ulong Key, long Ties, bool Everything)
    {
        public static Cut Nothing => new(0, 0, false);

        public static Cut All => new(0, 0, true);
    }

    /// <summary>The cut that selects exactly <paramref name="count"/> candidates (0 ≤ count ≤ unmasked).</summary>
    internal static Cut ByCount<T, TCodec>(IReadOnlyList<SelectionLayer> layers, long count)
        where T : unmanaged
        where TCodec : ISaliencyCodec<T>
    {
        if (count == 0)
        {
            return Cut.Nothing;
        }

        var shift = TCodec.KeyBits - DigitBits;
        var histogram = new long[Bins];
        foreach (var layer in layers)
        {
            var saliency = layer.Saliency<T>();
            var mask = layer.MaskSpan[..saliency.Length];
            for (var i = 0; i < saliency.Length; i++)
            {
                if (mask[i])
                {
                    if (TCodec.IsNaN(saliency[i]))
                    {
                        throw NaN(layer);
                    }

                    histogram[(int)((TCodec.Key(saliency[i]) >> shift) & DigitMask)]++;
                }
            }
        }

        var below = 0L;
        var bin = FindCountBin(histogram, count, ref below);
        var keys = CollectionsMarshal.AsSpan(Candidates<T, TCodec>(layers, shift, bin, histogram[bin]));
        while (shift > 0)
        {
            // Near the end the digit overlaps bits already fixed; they are equal among the candidates.
            shift = Math.Max(0, shift - DigitBits);
            Array.Clear(histogram);
            foreach (var key in keys)
            {
                histogram[(int)((key >> shift) & DigitMask)]++;
            }

            bin = FindCountBin(histogram, count, ref below);
            keys = Keep(keys, shift, bin);
        }

        return new Cut(keys[0], count - below, false);
    }

    /// <summary>The keys of the unmasked saliencies whose digit at <paramref name="shift"/> is <paramref name="bin"/>.</summary>
    private static List<ulong> Candidates<T, TCodec>(IReadOnlyList<SelectionLayer> layers, int shift, int bin, long expected)
        where T : unmanaged
        where TCodec : ISaliencyCodec<T>
    {
        var candidates = new List<ulong>((int)Math.Min(expected, int.MaxValue));
        foreach (var layer in layers)
        {
            var saliency = layer.Saliency<T>();
            var mask = layer.MaskSpan[..saliency.Length];
            for (var i = 0; i < saliency.Length; i++)
            {
                if (mask[i])
                {
                    var key = TCodec.Key(saliency[i]);
                    if ((int)((key >> shift) & DigitMask) == bin)
                    {
                        candidates.Add(key);
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>The cut that selects the longest prefix (in selection order) whose saliencies sum to at most <paramref name="bucket"/> (≥ 0).</summary>
    internal static Cut ByBucket<T, TCodec>(IReadOnlyList<SelectionLayer> layers, double bucket)
        where T : unmanaged
        where TCodec : ISaliencyCodec<T>
    {
        var shift = TCodec.KeyBits - DigitBits;
        var counts = new long[Bins];
        var sums = new double[Bins];
        foreach (var layer in layers)
        {
            var saliency = layer.Saliency<T>();
            var mask = layer.MaskSpan[..saliency.Length];
            for (var i = 0; i < saliency.Length; i++)
            {
                if (mask[i])
                {
                    if (TCodec.IsNaN(saliency[i]))
                    {
                        throw NaN(layer);
                    }

                    var digit = (int)((TCodec.Key(saliency[i]) >> shift) & DigitMask);
                    counts[digit]++;
                    sums[digit] += TCodec.ToDouble(saliency[i]);
                }
            }
        }

        var left = bucket;
        var bin = FindSumBin(counts, sums, ref left);
        if (bin < 0)
        {
            return Cut.All;
        }

        var keys = CollectionsMarshal.AsSpan(Candidates<T, TCodec>(layers, shift, bin, counts[bin]));
        while (shift > 0)
        {
            shift = Math.Max(0, shift - DigitBits);
            Array.Clear(counts);
            Array.Clear(sums);
            foreach (var key in keys)
            {
                var digit = (int)((key >> shift) & DigitMask);
                counts[digit]++;
                sums[digit] += TCodec.FromKey(key);
            }

            // The bin that overflowed before overflows again, unless rounding of the sums says
            // otherwise: then every candidate fits, and the cut is at the largest of them.
            bin = FindSumBin(counts, sums, ref left);
            if (bin < 0)
            {
                return AllOf(keys);
            }

            keys = Keep(keys, shift, bin);
        }

        // Every candidate left has the same positive value (a bin of values ≤ 0 never overflows).
        var value = TCodec.FromKey(keys[0]);
        var ties = (long)Math.Floor(left / value);
        while (ties > 0 && ties * value > left)
        {
            ties--;
        }

        return new Cut(keys[0], Math.Min(Math.Max(ties, 0), keys.Length), false);
    }

    /// <summary>Clears the mask of every selected candidate; returns how many each layer lost.</summary>
    internal static long[] Apply<T, TCodec>(IReadOnlyList<SelectionLayer> layers, Cut cut)
        where T : unmanaged
        where TCodec : ISaliencyCodec<T>
    {
        var pruned = new long[layers.Count];
        var ties = cut.Ties;
        for (var l = 0; l < layers.Count; l++)
        {
            var saliency = layers[l].Saliency<T>();
            var mask = layers[l].MaskSpan[..saliency.Length];
            var count = 0L;
            for (var i = 0; i < saliency.Length; i++)
            {
                if (!mask[i])
                {
                    continue;
                }

                if (cut.Everything)
                {
                    mask[i] = false;
                    count++;
                    continue;
                }

                var key = TCodec.Key(saliency[i]);
                if (key < cut.Key || (key == cut.Key && ties > 0))
                {
                    if (key == cut.Key)
                    {
                        ties--;
                    }

                    mask[i] = false;
                    count++;
                }
            }

            pruned[l] = count;
        }

        return pruned;
    }

    // Checked during the first pass rather than by a separate one over every saliency: a NaN has no
    // place in the order. The error names "saliency", the parameter of Pruning's methods it came through.
#pragma warning disable CA2208
    private static ArgumentException NaN(SelectionLayer layer) =>
        new($"The saliency of layer {layer.Position} contains NaN, which has no place in the pruning order.", "saliency");
#pragma warning restore CA2208

    private static Cut AllOf(Span<ulong> keys)
    {
        var largest = 0ul;
        var ties = 0L;
        foreach (var key in keys)
        {
            if (key > largest)
            {
                largest = key;
                ties = 0;
            }

            if (key == largest)
            {
                ties++;
            }
        }

        return new Cut(largest, ties, false);
    }

    private static int FindCountBin(long[] histogram, long count, ref long below)
    {
        for (var bin = 0; bin < Bins; bin++)
        {
            if (below + histogram[bin] >= count)
            {
                return bin;
            }

            below += histogram[bin];
        }

        throw new InvalidOperationException("The selection asked for more candidates than there are.");
    }

    private static int FindSumBin(long[] counts, double[] sums, ref double left)
    {
        for (var bin = 0; bin < Bins; bin++)
        {
            if (counts[bin] == 0)
            {
                continue;
            }

            if (sums[bin] > left)
            {
                return bin;
            }

            left -= sums[bin];
        }

        return -1;
    }

    private static Span<ulong> Keep(Span<ulong> keys, int shift, int bin)
    {
        var kept = 0;
        foreach (var key in keys)
        {
            if ((int)((key >> shift) & DigitMask) == bin)
            {
                keys[kept++] = key;
            }
        }

        return keys[..kept];
    }
}
