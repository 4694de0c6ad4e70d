using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// The fixed cost of one inference call of a <c>MaskedDeepFfn</c> with three layers, whatever their
/// sizes: <c>MaskedDeepFfn(784, 10, [1, 1])</c> at batch 1, one thread. What compaction cannot
/// shrink in <see cref="NeuronCompactionBenchmarks"/>'s batch-1 rows.
/// </summary>
public class InferenceFloorBenchmarks
{
    private MaskedDeepFfn _model = null!;
    private Tensor _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        _model = new MaskedDeepFfn(784, 10, new[] { 1, 1 });
        _model.eval();
        _input = randn(1, 784);
    }

    [Benchmark]
    public void Infer()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        _model.call(_input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _input.Dispose();
    }
}
