using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Every write neuron pruning and compaction make to a map's weight, bias or mask, in one place:
/// a <see cref="MaskedLinear"/>'s own tensors, or a <see cref="MaskedMapView"/>'s views into a DAN's
/// stored maps.
/// </summary>
internal static class NeuronMapWrites
{
    /// <summary>The map's bias (a view for a DAN's map), or <see langword="null"/> without one.</summary>
    public static Tensor? Bias(IMaskedWeight map) => map switch
    {
        MaskedLinear linear => linear.bias,
        MaskedMapView view => view.bias,
        _ => null,
    };

    /// <summary>
    /// Masks the rows of <paramref name="rows"/> (neurons of the map's target) and the columns of
    /// <paramref name="columns"/> (neurons of its source), zeroes the masked weights and the biases of
    /// those rows. Both are CPU bool vectors or <see langword="null"/>.
    /// </summary>
    public static void MaskNeurons(IMaskedWeight map, Tensor? rows, Tensor? columns)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var mask = map.Mask;
        var keep = ones_like(mask);
        if (rows is not null)
        {
            keep = keep.logical_and(rows.to(mask.device).logical_not().unsqueeze(1));
        }

        if (columns is not null)
        {
            keep = keep.logical_and(columns.to(mask.device).logical_not().unsqueeze(0));
        }

        map.Mask = mask.logical_and(keep);
        map.ApplyMask();
        if (rows is not null && Bias(map) is { } bias)
        {
            bias.masked_fill_(rows.to(bias.device), 0);
        }
    }

    /// <summary>Sets the map's weight, bias (when it has one) and mask to the given CPU tensors, converted to its dtype and device.</summary>
    public static void Write(IMaskedWeight map, Tensor weight, Tensor? bias, Tensor mask)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var target = map.Weight;
        target.copy_(weight.to(target.dtype, target.device));
        if (Bias(map) is { } stored)
        {
            if (bias is null)
            {
                throw new InvalidOperationException("A bias was expected for a map that has one.");
            }

            stored.copy_(bias.to(stored.dtype, stored.device));
        }

        map.Mask = mask.to(ScalarType.Bool, map.Mask.device);
        map.ApplyMask();
    }
}
