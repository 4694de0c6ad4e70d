using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>Runs an exported model in ONNX Runtime and compares it with TorchSharp's forward pass.</summary>
internal static class OnnxRuntimeRunner
{
    public static float[] Run(byte[] model, Tensor input, string inputName = "input", string outputName = "output")
    {
        using var session = new InferenceSession(model);
        var values = input.contiguous().data<float>().ToArray();
        var tensor = new DenseTensor<float>(values, input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(inputName, tensor) });
        var output = results.Single(r => r.Name == outputName);
        return output.AsTensor<float>().ToArray();
    }

    /// <summary>Runs a float32 or float64 model on <paramref name="input"/> of the same dtype; the output widened to doubles.</summary>
    public static double[] RunAny(byte[] model, Tensor input)
    {
        if (input.dtype == ScalarType.Float32)
        {
            return Run(model, input).Select(v => (double)v).ToArray();
        }

        using var session = new InferenceSession(model);
        var values = input.contiguous().data<double>().ToArray();
        var tensor = new DenseTensor<double>(values, input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", tensor) });
        return results.Single(r => r.Name == "output").AsTensor<double>().ToArray();
    }

    /// <summary>Asserts that ONNX Runtime gives <paramref name="forward"/>'s output within 1e-5 relative (1e-6 absolute near zero), in the input's dtype.</summary>
    public static void AssertMatches(Func<Tensor, Tensor> forward, byte[] model, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var expected = forward(input).contiguous().to(float64).data<double>().ToArray();
        var actual = RunAny(model, input);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 1e-5 * Math.Abs(expected[i]) + 1e-6;
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"Output {i}: TorchSharp {expected[i]:R}, ONNX Runtime {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):R}).");
        }
    }

    /// <summary>Asserts that ONNX Runtime gives <paramref name="module"/>'s output within 1e-5 relative (and 1e-6 absolute near zero).</summary>
    public static void AssertMatchesTorch(nn.Module<Tensor, Tensor> module, byte[] model, Tensor input) => AssertMatches(module.call, model, input);
}
