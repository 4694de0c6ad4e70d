using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Compaction;

/// <summary>Two models compute the same function: outputs equal to a relative tolerance of the output's scale.</summary>
public static class SameFunction
{
    public static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-12 : 1e-5;

    public static void Assert(nn.Module<Tensor, Tensor> expected, nn.Module<Tensor, Tensor> actual, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var want = expected.call(input);
        var got = actual.call(input);
        Xunit.Assert.Equal(want.shape, got.shape);
        var difference = want.sub(got).abs().max().ToDouble();
        var scale = Math.Max(want.abs().max().ToDouble(), 1e-30);
        Xunit.Assert.True(difference <= Tolerance(want.dtype) * scale, $"The outputs differ by {difference} at a scale of {scale} ({want.dtype}).");
    }

    /// <summary>The model's output varies over the batch of <paramref name="input"/>: pruning left it a function of its input, so that equal outputs say something.</summary>
    public static void AssertFollowsInput(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var output = model.call(input);
        var spread = output.sub(output[0]).abs().max().ToDouble();
        var scale = Math.Max(output.abs().max().ToDouble(), 1e-30);
        Xunit.Assert.True(spread > 1e-4 * scale, $"The model's output is the same for every input (spread {spread} at a scale of {scale}).");
    }
}
