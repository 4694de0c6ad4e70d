using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>A tensor's values read into managed memory, for the analyses and writers that work in double precision.</summary>
internal static class TensorValues
{
    /// <summary>The values of a floating-point tensor, flattened, as doubles (float32 widens exactly), from any device.</summary>
    public static double[] Doubles(Tensor tensor)
    {
        using var values = tensor.detach().to(ScalarType.Float64, CPU).contiguous();
        return values.data<double>().ToArray();
    }
}
