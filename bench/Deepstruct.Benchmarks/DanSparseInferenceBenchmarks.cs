using BenchmarkDotNet.Attributes;
using Deepstruct.Inference;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #14, sparse inference of a DAN: <c>MaskedDeepDan(784, 10, WattsStrogatz(1000, 4, 0.5))</c> with
/// <see cref="Sparsity"/> of its main and skip maps' edges masked at random, stored as <see cref="Representation"/>:
/// the model's own forward pass (fused dense groups with the mask multiplied, or the edge kernel over every edge)
/// against <see cref="SparseInference"/> (each fused group from its unmasked weights, <c>Auto</c>).
/// </summary>
public class DanSparseInferenceBenchmarks
{
    private MaskedDeepDan _model = null!;
    private SparseInferenceModel _sparse = null!;
    private Tensor _input = null!;

    /// <summary>How the DAN stores its maps.</summary>
    [Params(DanRepresentation.Dense, DanRepresentation.Edges)]
    public DanRepresentation Representation { get; set; }

    /// <summary>Fraction of the structure's edges masked.</summary>
    [Params(0.0, 0.9)]
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
        _model = new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1), new DanOptions { Representation = Representation });
        foreach (var map in _model.MaskableLayers().Where(map => map is not MaskedLinear))
        {
            using var drawn = rand(map.Weight.shape).ge(Sparsity);
            using var mask = drawn.logical_and(map.Mask);
            map.Mask = mask;
        }

        _model.eval();
        _sparse = SparseInference.Prepare(_model);
        _input = randn(Batch, 784);
    }

    /// <summary>The DAN's own forward pass.</summary>
    [Benchmark(Baseline = true)]
    public void Model()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.call(_input);
    }

    /// <summary>The prepared model: every fused group from its unmasked weights.</summary>
    [Benchmark]
    public void Sparse()
    {
        using var scope = NewDisposeScope();
        _sparse.call(_input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sparse.Dispose();
        _model.Dispose();
        _input.Dispose();
    }
}
