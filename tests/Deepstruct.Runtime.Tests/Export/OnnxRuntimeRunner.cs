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

    /// <summary>Asserts that ONNX Runtime gives TorchSharp's output within 1e-5 relative (and 1e-6 absolute near zero).</summary>
    public static void AssertMatchesTorch(nn.Module<Tensor, Tensor> module, byte[] model, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var expected = module.call(input).contiguous().data<float>().ToArray();
        var actual = Run(model, input);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 1e-5 * Math.Abs(expected[i]) + 1e-6;
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"Output {i}: TorchSharp {expected[i]:R}, ONNX Runtime {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):R}).");
        }
    }
}
