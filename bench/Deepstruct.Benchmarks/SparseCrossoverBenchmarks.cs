using BenchmarkDotNet.Attributes;
using Deepstruct.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// The crossover of <see cref="SparseInferenceOptions.DefaultMaximumSparseDensity"/>: <see cref="SparseInference"/>'s CSR
/// kernel against its dense fallback (weights folded once) and the dense masked model, on
/// <c>MaskedDeepFfn(784, 10, [300, 100])</c> pruned at random, one thread.
/// </summary>
public class SparseCrossoverBenchmarks
{
    private MaskedDeepFfn _model = null!;
    private SparseInferenceModel _sparse = null!;
    private SparseInferenceModel _dense = null!;
    private Tensor _input = null!;

    /// <summary>Fraction of each layer's weights masked.</summary>
    [Params(0.6, 0.7, 0.8, 0.85, 0.9, 0.95)]
    public double Sparsity { get; set; }

    /// <summary>Examples per forward pass.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        torch.manual_seed(1);
        _model = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
        foreach (var layer in _model.Layers)
        {
            using var mask = rand(layer.OutFeatures, layer.InFeatures).ge(Sparsity);
            layer.Mask = mask;
        }

        _model.eval();
        _sparse = SparseInference.Prepare(_model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        _dense = SparseInference.Prepare(_model, new SparseInferenceOptions { Mode = SparseInferenceMode.Dense });
        _input = randn(Batch, 784);
    }

    [Benchmark(Baseline = true)]
    public void DenseMasked()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.call(_input);
    }

    [Benchmark]
    public void PreparedDense()
    {
        using var scope = NewDisposeScope();
        _dense.call(_input);
    }

    [Benchmark]
    public void SparseCsrKernel()
    {
        using var scope = NewDisposeScope();
        _sparse.call(_input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sparse.Dispose();
        _dense.Dispose();
        _model.Dispose();
        _input.Dispose();
    }
}
