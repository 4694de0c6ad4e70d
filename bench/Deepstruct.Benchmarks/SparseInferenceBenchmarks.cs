using BenchmarkDotNet.Attributes;
using Deepstruct.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #14: inference of <c>MaskedDeepFfn(784, 10, [300, 100])</c> with every layer pruned at random to
/// <see cref="Sparsity"/>: the dense masked forward pass, <see cref="SparseInference"/> (the managed CSR kernel,
/// every layer sparse), its dense fallback (weights folded once), and libtorch's COO sparse × dense product (TorchSharp 0.107 has no CSR tensors).
/// </summary>
public class SparseInferenceBenchmarks
{
    private MaskedDeepFfn _model = null!;
    private SparseInferenceModel _sparse = null!;
    private SparseInferenceModel _prepared = null!;
    private (Tensor Weight, Tensor? Bias)[] _coo = null!;
    private Tensor _input = null!;

    /// <summary>Fraction of each layer's weights masked.</summary>
    [Params(0.5, 0.8, 0.9, 0.95, 0.99)]
    public double Sparsity { get; set; }

    /// <summary>Examples per forward pass.</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads (the CSR kernel uses as many).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _model = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
        foreach (var layer in _model.Layers)
        {
            using var mask = rand(layer.OutFeatures, layer.InFeatures).ge(Sparsity);
            layer.Mask = mask;
        }

        _model.eval();
        _sparse = SparseInference.Prepare(_model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        _prepared = SparseInference.Prepare(_model, new SparseInferenceOptions { Mode = SparseInferenceMode.Dense });
        using (no_grad())
        {
            _coo = _model.Layers.Select(l => (l.weight.mul(l.Mask).to_sparse().DetachFromDisposeScope(), l.bias?.detach().clone().DetachFromDisposeScope())).ToArray();
        }

        _input = randn(Batch, 784);
    }

    [Benchmark(Baseline = true)]
    public void DenseMasked()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.call(_input);
    }

    /// <summary>SparseInference's dense fallback: <c>linear</c> of weights folded once, when prepared.</summary>
    [Benchmark]
    public void PreparedDense()
    {
        using var scope = NewDisposeScope();
        _prepared.call(_input);
    }

    [Benchmark]
    public void SparseCsrKernel()
    {
        using var scope = NewDisposeScope();
        _sparse.call(_input);
    }

    [Benchmark]
    public void TorchCoo()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        // (W xᵀ)ᵀ: libtorch multiplies a sparse left operand by a dense right one.
        var x = _input.t();
        for (var i = 0; i < _coo.Length; i++)
        {
            var (weight, bias) = _coo[i];
            x = weight.mm(x);
            if (bias is not null)
            {
                x = x.add(bias.unsqueeze(1));
            }

            if (i < _coo.Length - 1)
            {
                x = nn.functional.relu(x);
            }
        }

        x.t();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (weight, bias) in _coo)
        {
            weight.Dispose();
            bias?.Dispose();
        }

        _sparse.Dispose();
        _prepared.Dispose();
        _model.Dispose();
        _input.Dispose();
    }
}
