using BenchmarkDotNet.Attributes;
using Deepstruct.Structures;

namespace Deepstruct.Benchmarks;

/// <summary>Building a structure from a family, encoding it for embedding, and decoding it (what a generated model does once).</summary>
[MemoryDiagnoser]
public class FamilyBenchmarks
{
    private Structure _large = null!;
    private byte[] _encoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = StructureFamilies.WattsStrogatz(100_000, 20, 0.1, 1);
        _encoded = StructureEncoding.Encode(_large);
        Console.WriteLine($"// WS(100000, 20, 0.1): {_large.EdgeCount} edges, {_encoded.Length} bytes = {(double)_encoded.Length / _large.EdgeCount:F3} bytes/edge");
    }

    [Benchmark]
    public Structure WattsStrogatz1MEdges() => StructureFamilies.WattsStrogatz(100_000, 20, 0.1, 1);

    [Benchmark]
    public Structure RandomDag1MEdges() => StructureFamilies.RandomDag(20_000, 0.005, 1);

    [Benchmark]
    public byte[] Encode1MEdges() => StructureEncoding.Encode(_large);

    [Benchmark]
    public Structure Decode1MEdges() => StructureEncoding.Decode(_encoded);
}
