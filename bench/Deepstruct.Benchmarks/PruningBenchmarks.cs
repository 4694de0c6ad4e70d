using BenchmarkDotNet.Attributes;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Pruning the FFN 784-200-100-10 (177,800 weights) by magnitude: DESIGN.md's "prune 10 % globally"
/// (Python deepstruct: 321 ms). Each invocation first resets the model (weights and masks);
/// <see cref="ResetOnly"/> measures that part alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class PruningBenchmarks
{
    private PrunableModel _ffn = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkThreads.Configure();
        _ffn = new PrunableModel(784, 10, new[] { 200, 100 }, seed: 1);
    }

    [GlobalCleanup]
    public void Cleanup() => _ffn.Dispose();

    [Benchmark(Baseline = true)]
    public void ResetOnly() => _ffn.Reset();

    [Benchmark]
    public long GlobalPercentage10()
    {
        _ffn.Reset();
        return Pruning.PruneNetworkBySaliency(_ffn.Model, 10, PruningStrategy.Percentage).Pruned;
    }

    [Benchmark]
    public long LayerPercentage10()
    {
        _ffn.Reset();
        return Pruning.PruneLayerBySaliency(_ffn.Model, 10, PruningStrategy.Percentage).Pruned;
    }

    [Benchmark]
    public long GlobalBucket()
    {
        _ffn.Reset();
        return Pruning.PruneNetworkBySaliency(_ffn.Model, 50, PruningStrategy.Bucket).Pruned;
    }
}
