using BenchmarkDotNet.Attributes;
using Deepstruct.Export;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #14: latency of <c>MaskedDeepFfn(784, 10, [300, 100])</c> exported to ONNX and run by ONNX Runtime,
/// beside TorchSharp's forward pass of the same model. <c>Compacted</c> is the dense FFN with half of each
/// hidden layer's neurons pruned, compacted (hidden <c>[150, 50]</c>).
/// </summary>
public class OnnxRuntimeBenchmarks
{
    private MaskedDeepFfn _model = null!;
    private InferenceSession _session = null!;
    private Tensor _input = null!;
    private NamedOnnxValue[] _inputs = null!;

    /// <summary>Dense: hidden [300, 100]. Compacted: half the hidden neurons pruned and compacted to [150, 50].</summary>
    [Params("Dense", "Compacted")]
    public string Model { get; set; } = "Dense";

    /// <summary>Examples per forward pass.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads, and ONNX Runtime's.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _model = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
        if (Model == "Compacted")
        {
            // Half of each hidden layer's neurons pruned by magnitude, then compacted to 784-150-50-10.
            NeuronPruning.Prune(_model, 50, scope: PruningScope.PerLayer);
            var compacted = Compaction.Compact(_model).Model;
            _model.Dispose();
            _model = compacted;
        }

        _model.eval();
        using var options = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(OnnxExport.ToBytes(_model), options);
        _input = randn(Batch, 784);
        var values = _input.data<float>().ToArray();
        _inputs = new[] { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(values, new[] { Batch, 784 })) };
        if (Model == "Dense" && Batch == 1 && Threads == 1)
        {
            ReportFileSizes();
        }
    }

    [Benchmark(Baseline = true)]
    public void TorchSharp()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.call(_input);
    }

    [Benchmark]
    public void OnnxRuntime()
    {
        using var results = _session.Run(_inputs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _model.Dispose();
        _input.Dispose();
    }

    /// <summary>The .onnx size of the FFN with 90 % of each layer's weights pruned, dense and with sparse initializers.</summary>
    private static void ReportFileSizes()
    {
        torch.manual_seed(2);
        using var pruned = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
        foreach (var layer in pruned.Layers)
        {
            using var mask = rand(layer.OutFeatures, layer.InFeatures).ge(0.9);
            layer.Mask = mask;
        }

        var dense = OnnxExport.ToBytes(pruned, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Never }).Length;
        var sparse = OnnxExport.ToBytes(pruned).Length;
        Console.WriteLine($"// ONNX file, 90 % pruned: dense {dense:N0} bytes, sparse initializers {sparse:N0} bytes ({100.0 * sparse / dense:F1} %)");
    }
}
