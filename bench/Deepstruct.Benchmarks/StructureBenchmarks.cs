using BenchmarkDotNet.Attributes;
using Deepstruct.Structures;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Layer index and DAN wiring plan on Watts–Strogatz graphs (k = 4, p = 0.5, seed 1, as DESIGN.md's
/// Python figures) and on a random DAG of about a million edges.
/// </summary>
[MemoryDiagnoser]
public class StructureBenchmarks
{
    private Adjacency _adjacency = null!;
    private Structure _structure = null!;

    /// <summary>
    /// WS200, WS1000, WS3000: Watts–Strogatz n; DAG1M: RandomDag(20000, 0.005, 1) with ~1M edges and few
    /// layers; WS1M: DESIGN.md's generator structure WS(100000, 20, 0.1, 1), 1M edges in 90,750 layers.
    /// </summary>
    [Params("WS200", "WS1000", "WS3000", "DAG1M", "WS1M")]
    public string Graph { get; set; } = "WS3000";

    [GlobalSetup]
    public void Setup()
    {
        _structure = Graph switch
        {
            "DAG1M" => StructureFamilies.RandomDag(20_000, 0.005, 1),
            "WS1M" => StructureFamilies.WattsStrogatz(100_000, 20, 0.1, 1),
            _ => StructureFamilies.WattsStrogatz(int.Parse(Graph.AsSpan(2)), 4, 0.5, 1),
        };
        _adjacency = _structure.Adjacency;
        Console.WriteLine($"// {Graph}: {_structure.VertexCount} vertices, {_structure.EdgeCount} edges, {_structure.LayerCount} layers");
    }

    [Benchmark]
    public LayerIndex LayerIndex() => Structures.LayerIndex.Compute(_adjacency);

    [Benchmark]
    public DanWiringPlan WiringPlan() => DanWiringPlan.Create(_structure, 784, 10);
}
