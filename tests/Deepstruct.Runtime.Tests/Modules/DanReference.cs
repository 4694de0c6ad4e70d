using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>
/// deepstruct's DAN computed map by map, as MaskedDeepDan computed it before its maps were fused:
/// <c>out_k = act(norm(main_k(out_{k-1}))) + Σ_j act(skip_jk(out_j))</c>, each map a separate masked
/// linear (<see cref="MaskedMapView.forward"/>, which reads the fused parameters directly), skips added
/// one by one in plan order.
/// </summary>
internal static class DanReference
{
    public static Tensor Forward(MaskedDeepDan dan, Tensor input)
    {
        using var scope = NewDisposeScope();
        var norms = dan.named_modules().Where(m => m.name.StartsWith("norms.", StringComparison.Ordinal)).ToDictionary(m => m.name, m => (LayerNorm)m.module);
        var flat = input.reshape(input.shape[0], -1);
        var outputs = new Tensor[dan.LayerCount];
        var normIndex = 0;
        for (var k = 0; k < dan.LayerCount; k++)
        {
            var main = k == 0 ? dan.InputMap.call(flat) : dan.MainMaps[k - 1].forward(outputs[k - 1]);
            if (dan.HasLayerNorm(k))
            {
                main = norms[$"norms.{normIndex++}"].call(main);
            }

            var sum = Activate(dan.Activation, main);
            for (var s = 0; s < dan.SkipMaps.Count; s++)
            {
                var skip = dan.SkipMaps[s];
                if (skip.TargetLayer == k)
                {
                    sum = sum.add(Activate(dan.Activation, skip.forward(outputs[skip.SourceLayer])));
                }
            }

            outputs[k] = sum;
        }

        return dan.OutputMap.call(outputs[^1]).MoveToOuterDisposeScope();
    }

    public static Tensor Activate(Activation activation, Tensor x) => activation switch
    {
        Activation.ReLU => x.relu(),
        Activation.Tanh => x.tanh(),
        Activation.Sigmoid => x.sigmoid(),
        Activation.GELU => nn.functional.gelu(x),
        Activation.LeakyReLU => nn.functional.leaky_relu(x, 0.01),
        Activation.ELU => nn.functional.elu(x, 1.0),
        Activation.Identity => x.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The largest absolute difference of two tensors.</summary>
    public static double MaxDifference(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.sub(b).abs().max().to_type(ScalarType.Float64).item<double>();
    }
}
