using System.Reflection;
using Deepstruct.Export;
using Deepstruct.Generators.Tests.Infrastructure;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Deepstruct.Generators.Tests;

/// <summary>Models generated from <c>.dsnet</c> (a <c>cell_dan</c> with standard-layer cells included) export to ONNX as their runtime kinds do, and ONNX Runtime gives their outputs; generated ffn and dan models run in sparse inference.</summary>
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
                TorchSharp.torch.nn.Sequential(
                    TorchSharp.torch.nn.Conv2d(cell.InChannels, 2, 3, stride: cell.IsInput ? 2 : 1, padding: 1),
                    TorchSharp.torch.nn.BatchNorm2d(2),
                    TorchSharp.torch.nn.ReLU(),
                    TorchSharp.torch.nn.Conv2d(2, 1, 1));
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
    [InlineData("Cells", new long[] { 2, 6, 6 })]
    public void A_generated_model_exports_and_onnx_runtime_gives_its_output(string name, long[] example)
    {
        torch.manual_seed(51);
        using var model = Create(name);

        // The file computes eval mode (a cell_dan's batch norms use their running statistics).
        model.eval();
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
    public void A_generated_ffn_runs_in_sparse_inference_with_the_models_output()
    {
        torch.manual_seed(52);
        using var model = (MaskedDeepFfn)Create("Mnist");
        foreach (var layer in model.Layers)
        {
            using var mask = torch.rand(layer.OutFeatures, layer.InFeatures).lt(0.3);
            layer.Mask = mask;
        }

        model.eval();
        using var sparse = Deepstruct.Inference.SparseInference.Prepare(model, new Deepstruct.Inference.SparseInferenceOptions { Mode = Deepstruct.Inference.SparseInferenceMode.Sparse });
        using var input = torch.randn(9, 1, 4, 4);
        using var noGrad = torch.no_grad();
        using var expected = model.call(input);
        using var actual = sparse.call(input);

        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_generated_dan_runs_in_sparse_inference_with_the_models_output()
    {
        torch.manual_seed(53);
        using var model = (MaskedDeepDan)Create("WorldNet");
        foreach (var map in model.MaskableLayers())
        {
            using var drawn = torch.rand(map.Weight.shape).lt(0.6);
            using var mask = drawn.logical_and(map.Mask);
            map.Mask = mask;
        }

        model.eval();
        using var sparse = Deepstruct.Inference.SparseInference.Prepare(model, new Deepstruct.Inference.SparseInferenceOptions { Mode = Deepstruct.Inference.SparseInferenceMode.Sparse });
        using var input = torch.randn(7, 6);
        using var noGrad = torch.no_grad();
        using var expected = model.call(input);
        using var actual = sparse.call(input);

        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
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
