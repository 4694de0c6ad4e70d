using BenchmarkDotNet.Attributes;
using Deepstruct.Structures;
using TorchSharp;

namespace Deepstruct.Benchmarks;

/// <summary>
/// DESIGN.md: "MaskedDeepDan build from WS n=3000 (k=4, p=0.5, seed 1), layer index already known
/// (784→…→10)"; Python 0.56 s, target ≤ 20 ms. The structure (with its layer index) is built once;
/// each invocation plans the wiring, lays out and initializes the fused maps and their mask, creates
/// the per-map views, then disposes the model (disposal is included).
/// </summary>
[MemoryDiagnoser]
public class DanBuildBenchmarks
{
    private Structure _structure = null!;

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        _structure = StructureFamilies.WattsStrogatz(3000, 4, 0.5, 1);
        using var probe = new MaskedDeepDan(784, 10, _structure);
        Console.WriteLine($"// WS3000: {_structure.LayerCount} layers, {probe.MainMaps.Count} main maps, {probe.SkipMaps.Count} skip maps, {probe.parameters().Sum(p => p.numel())} parameters");
    }

    [Benchmark]
    public int BuildMaskedDeepDanWs3000()
    {
        using var dan = new MaskedDeepDan(784, 10, _structure);
        return dan.SkipMaps.Count;
    }
}
