using BenchmarkDotNet.Attributes;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #13's train-step targets for the edge-proportional DAN (<see cref="MaskedDeepDan"/> with
/// <c>Representation = Edges</c>): one step
/// (zero_grad, forward, cross-entropy, backward, SGD step), input 784, output 10, seed 1.
/// Targets: WS(1000, 4, 0.5) @ 256 ≤ 20 ms; WS(30000, 4, 0.5) @ 256 ≤ 0.5 s; RandomDag(20000, 0.005) @ 64 ≤ 2 s.
/// </summary>
[MemoryDiagnoser]
public class EdgeDanTrainStepBenchmarks
{
    private EdgeDanTrainer _trainer = null!;

    /// <summary>Structure and batch.</summary>
    [Params("Ws1000@256", "Ws30000@256", "Dag20000@64")]
    public string Workload { get; set; } = "Ws1000@256";

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        var (structure, batch) = Workload switch
        {
            "Ws1000@256" => (StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1), 256),
            "Ws30000@256" => (StructureFamilies.WattsStrogatz(30000, 4, 0.5, 1), 256),
            "Dag20000@64" => (StructureFamilies.RandomDag(20000, 0.005, 1), 64),
            _ => throw new ArgumentOutOfRangeException(nameof(Workload), Workload, "unknown workload"),
        };
        _trainer = new EdgeDanTrainer(structure, batch);
    }

    [Benchmark]
    public void TrainStep() => _trainer.Step();

    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();
}

/// <summary>
/// Step time against edges: RandomDag(n, 0.005, seed 1) at batch 64 for n = 632, 2000, 6325, 20000
/// (about 10³, 10⁴, 10⁵, 10⁶ edges; the layer count and layer 0 grow with n too).
/// </summary>
[MemoryDiagnoser]
public class EdgeDanScalingBenchmarks
{
    private EdgeDanTrainer _trainer = null!;

    /// <summary>Vertices of RandomDag(n, 0.005).</summary>
    [Params(632, 2000, 6325, 20000)]
    public int Vertices { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        var structure = StructureFamilies.RandomDag(Vertices, 0.005, 1);
        _trainer = new EdgeDanTrainer(structure, 64);
        Console.WriteLine($"// RandomDag({Vertices}, 0.005): {structure.EdgeCount} edges, {structure.LayerCount} layers, layer 0 of {structure.Layers.SizeOf(0)}");
    }

    [Benchmark]
    public void TrainStep() => _trainer.Step();

    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();
}

/// <summary>
/// Issue #13's build target, WS(30000, 4, 0.5) ≤ 100 ms: from the structure (its layer index known) to a
/// model ready to train — plan, edge layout, edge parameters and index tensors, dense input and output maps.
/// </summary>
[MemoryDiagnoser]
public class EdgeDanBuildBenchmarks
{
    private Structure _structure = null!;

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        _structure = StructureFamilies.WattsStrogatz(30000, 4, 0.5, 1);
    }

    [Benchmark]
    public int BuildEdgeDanWs30000()
    {
        using var model = new MaskedDeepDan(784, 10, _structure, new DanOptions { Representation = DanRepresentation.Edges });
        return model.LayerCount;
    }
}

/// <summary>A model, an SGD optimizer and a fixed random batch of 784 features and 10 classes.</summary>
internal sealed class EdgeDanTrainer : IDisposable
{
    private readonly MaskedDeepDan _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _input;
    private readonly Tensor _labels;

    public EdgeDanTrainer(Structure structure, int batch)
    {
        torch.manual_seed(1);
        _model = new MaskedDeepDan(784, 10, structure, new DanOptions { Representation = DanRepresentation.Edges });
        _optimizer = optim.SGD(_model.parameters(), 0.01);
        _input = randn(batch, 784);
        _labels = randint(0, 10, new long[] { batch });
    }

    public void Step()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(_input), _labels);
        loss.backward();
        _optimizer.step();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _input.Dispose();
        _labels.Dispose();
    }
}
