using System.Reflection;
using Deepstruct.Export;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Deepstruct.Generators.Tests;

/// <summary>Models generated from <c>.dsnet</c> export to ONNX as their runtime kinds do, and ONNX Runtime gives their outputs.</summary>
public class GeneratedOnnxExportTests
{
    private const string Text = """
        namespace OnnxGen;
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        model DiamondNet : dan { input 2x2; output 2; structure Diamond; layer_norm; activation tanh; }
        model WorldNet : dan { input 6; output 3; structure watts_strogatz(n: 20, k: 4, p: 0.5, seed: 7); activation gelu; }
        model Mnist : ffn { input 1x4x4; hidden 8, 6; output 3; layer_norm; }
        model Seq : rnn { input 3; hidden 5, 4; cell lstm; batch_first; }
        model Cells : cell_dan { input 2x6x6; output 3; structure Diamond; }
        """;

    private const string CellFactory = """
        namespace OnnxGen;
        public partial class Cells
        {
            private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell) =>
                TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, 1);
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var (result, output) = GeneratorHarness.RunFile("/p/onnxgen.dsnet", Text, CellFactory);
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.Load(output);
    });

    [Theory]
    [InlineData("DiamondNet", new long[] { 2, 2 })]
    [InlineData("WorldNet", new long[] { 6 })]
    [InlineData("Mnist", new long[] { 1, 4, 4 })]
    [InlineData("Seq", new long[] { 7, 3 })]
    public void A_generated_model_exports_and_onnx_runtime_gives_its_output(string name, long[] example)
    {
        torch.manual_seed(51);
        using var model = Create(name);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = OnnxExportOptions.MaximumOpset });

        foreach (var batch in new[] { 1, 5 })
        {
            using var input = torch.randn(new long[] { batch }.Concat(example).ToArray());
            using var noGrad = torch.no_grad();
            using var expected = model.call(input);
            var actual = Run(bytes, input);
            var wanted = expected.contiguous().data<float>().ToArray();
            Assert.Equal(wanted.Length, actual.Length);
            for (var i = 0; i < wanted.Length; i++)
            {
                Assert.True(Math.Abs(wanted[i] - actual[i]) <= (1e-5 * Math.Abs(wanted[i])) + 1e-6, $"{name}, batch {batch}, output {i}: TorchSharp {wanted[i]:R}, ONNX Runtime {actual[i]:R}");
            }
        }
    }

    [Fact]
    public void A_generated_cell_dan_is_refused_naming_its_type()
    {
        using var model = Create("Cells");

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("Cells at (the model itself)", error.Message, StringComparison.Ordinal);
    }

    private static nn.Module<Tensor, Tensor> Create(string name) =>
        (nn.Module<Tensor, Tensor>)Activator.CreateInstance(Generated.Value.GetType("OnnxGen." + name, throwOnError: true)!)!;

    private static float[] Run(byte[] model, Tensor input)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(input.contiguous().data<float>().ToArray(), input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", tensor) });
        return results.Single(r => r.Name == "output").AsTensor<float>().ToArray();
    }
}
