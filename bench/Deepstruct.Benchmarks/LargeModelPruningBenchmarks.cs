using BenchmarkDotNet.Attributes;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Global 10 % magnitude pruning of a 30,030,000-weight FFN 3000-5000-3000-10: above the 2^24
/// elements where torch's quantile stops; each invocation resets the model first.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class LargeModelPruningBenchmarks
{
    private PrunableModel _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkThreads.Configure();
        _large = new PrunableModel(3000, 10, new[] { 5000, 3000 }, seed: 2);
    }

    [GlobalCleanup]
    public void Cleanup() => _large.Dispose();

    [Benchmark(Baseline = true)]
    public void ResetOnly() => _large.Reset();

    [Benchmark]
    public long GlobalPercentage10()
    {
        _large.Reset();
        return Pruning.PruneNetworkBySaliency(_large.Model, 10, PruningStrategy.Percentage).Pruned;
    }

    [Benchmark]
    public long LayerPercentage10()
    {
        _large.Reset();
        return Pruning.PruneLayerBySaliency(_large.Model, 10, PruningStrategy.Percentage).Pruned;
    }
}
