using BenchmarkDotNet.Attributes;
using Deepstruct.Graphs;

namespace Deepstruct.Benchmarks;

/// <summary>
/// DESIGN.md's growing workload: a <see cref="ScalableDan"/> on Watts–Strogatz n = 20 (k = 4,
/// p = 0.5, seed 1) grown to 2,000 neurons, as a layered graph and as a model (784 → … → 10).
/// </summary>
[MemoryDiagnoser]
public class GrowBenchmarks
{
    private ScalableDan _scalable = null!;

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkThreads.Configure();
        _scalable = new ScalableDan(LayeredGraph.LoadFrom(GraphFamilies.WattsStrogatz(n: 20, k: 4, p: 0.5, seed: 1)));
        var grown = _scalable.Grow(2000);
        Console.WriteLine($"// grown: {grown.VertexCount} vertices, {grown.EdgeCount} edges, {grown.NumLayers} layers");
    }

    [Benchmark]
    public CachedLayeredGraph Grow2000() => _scalable.Grow(2000);

    [Benchmark]
    public long Build2000()
    {
        using var model = _scalable.Build(784, 10, 2000);
        return model.MainMaps.Count;
    }
}
