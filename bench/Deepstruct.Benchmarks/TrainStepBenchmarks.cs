using BenchmarkDotNet.Attributes;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// DESIGN.md's train-step rows: one step (zero_grad, forward, cross-entropy, backward, SGD step) on a
/// fixed batch of 256 random 784-feature examples with 10 classes. Python: FFN 784-200-100-10 at 27
/// steps/s (target ≥ 1.5×, i.e. ≤ 24.7 ms), DAN on WS n=1000 at 8.2 steps/s (target ≥ 3×, i.e. ≤ 40.7 ms).
/// </summary>
[MemoryDiagnoser]
public class TrainStepBenchmarks
{
    private nn.Module<Tensor, Tensor> _model = null!;
    private optim.Optimizer _optimizer = null!;
    private Tensor _input = null!;
    private Tensor _labels = null!;

    /// <summary>Ffn: MaskedDeepFfn 784-200-100-10. DanWs1000: MaskedDeepDan 784→WS(1000, 4, 0.5, seed 1)→10. DanWs1000Norm: the same with layer norm.</summary>
    [Params("Ffn", "DanWs1000", "DanWs1000Norm")]
    public string Model { get; set; } = "Ffn";

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _model = Model switch
        {
            "Ffn" => new MaskedDeepFfn(784, 10, new[] { 200, 100 }),
            "DanWs1000" => new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1)),
            "DanWs1000Norm" => new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1), new DanOptions { LayerNorm = true }),
            _ => throw new ArgumentOutOfRangeException(nameof(Model), Model, "unknown model"),
        };
        _optimizer = optim.SGD(_model.parameters(), 0.01);
        _input = randn(256, 784);
        _labels = randint(0, 10, new long[] { 256 });
        if (_model is MaskedDeepDan dan)
        {
            Console.WriteLine($"// WS1000: {dan.LayerCount} layers, {dan.MainMaps.Count} main maps, {dan.SkipMaps.Count} skip maps, {dan.parameters().Count()} parameter tensors");
        }
    }

    [Benchmark]
    public void TrainStep()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(_model.call(_input), _labels);
        loss.backward();
        _optimizer.step();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _input.Dispose();
        _labels.Dispose();
    }
}
