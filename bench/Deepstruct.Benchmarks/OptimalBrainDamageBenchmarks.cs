using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Optimal brain damage saliencies: the exact Hessian diagonal on a small FFN 4-8-3 (56 weights,
/// 96 examples in 3 batches) and the empirical Fisher on it and on the FFN 784-200-100-10
/// (64 examples).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class OptimalBrainDamageBenchmarks
{
    private MaskedDeepFfn _small = null!;
    private MaskedDeepFfn _ffn = null!;
    private (Tensor, Tensor)[] _smallData = null!;
    private (Tensor, Tensor)[] _ffnData = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkThreads.Configure();
        torch.manual_seed(3);
        _small = new MaskedDeepFfn(4, 3, new[] { 8 }, activation: Activation.Tanh);
        _smallData = Enumerable.Range(0, 3).Select(_ => (torch.randn(32, 4), torch.randint(0, 3, new long[] { 32 }))).ToArray();
        _ffn = new MaskedDeepFfn(784, 10, new[] { 200, 100 });
        _ffnData = Enumerable.Range(0, 2).Select(_ => (torch.randn(32, 784), torch.randint(0, 10, new long[] { 32 }))).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _small.Dispose();
        _ffn.Dispose();
    }

    [Benchmark]
    public void ExactSmall() => Dispose(new OptimalBrainDamageSaliency(_small, _smallData, Loss, HessianDiagonal.Exact).Compute(_small.MaskableLayers().ToArray()));

    [Benchmark]
    public void FisherSmall() => Dispose(new OptimalBrainDamageSaliency(_small, _smallData, Loss).Compute(_small.MaskableLayers().ToArray()));

    [Benchmark]
    public void FisherFfn784() => Dispose(new OptimalBrainDamageSaliency(_ffn, _ffnData, Loss).Compute(_ffn.MaskableLayers().ToArray()));

    private static Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

    private static void Dispose(Tensor[] tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
