using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Where a masked weight lives among a model's parameters: the weight itself for a
/// <see cref="MaskedLinear"/>, the fused parameter it is a slice of for a <see cref="MaskedMapView"/>.
/// </summary>
internal static class MaskedWeightParameters
{
    /// <summary>The tensor autograd sees for <paramref name="layer"/>: its parameter, or the parameter it is a slice of.</summary>
    public static Tensor ParameterOf(IMaskedWeight layer) => layer is IParameterSlice slice ? slice.Parameter : layer.Weight;

    /// <summary><paramref name="layer"/>'s part of <paramref name="whole"/>, a tensor shaped like <see cref="ParameterOf"/> (e.g. a gradient).</summary>
    public static Tensor SliceOf(IMaskedWeight layer, Tensor whole) => layer is IParameterSlice slice ? slice.SliceOf(whole) : whole.alias();

    /// <summary>
    /// The distinct parameters behind <paramref name="layers"/> (several fused weights share one),
    /// in first-seen order, and for each layer the index of its parameter in that list.
    /// </summary>
    public static (Tensor[] Parameters, int[] ParameterOfLayer) Distinct(IReadOnlyList<IMaskedWeight> layers)
    {
        var parameters = new List<Tensor>();
        var index = new Dictionary<IntPtr, int>();
        var ofLayer = new int[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var parameter = ParameterOf(layers[i]);
            if (!index.TryGetValue(parameter.Handle, out var position))
            {
                position = parameters.Count;
                index.Add(parameter.Handle, position);
                parameters.Add(parameter);
            }

            ofLayer[i] = position;
        }

        return (parameters.ToArray(), ofLayer);
    }
}
