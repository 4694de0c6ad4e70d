using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #14's compaction row: <c>MaskedDeepFfn(784, 10, [300, 100])</c> with half of each hidden
/// layer's neurons pruned (by magnitude), inferred (eval, no_grad) as pruned and after
/// <see cref="Compaction.Compact(MaskedDeepFfn)"/> (784-150-50-10), at batch 1 and 256. Target:
/// compacted ≥ 1.8× faster. Setup prints parameter counts and state_dict file sizes.
/// </summary>
public class NeuronCompactionBenchmarks
{
    private MaskedDeepFfn _model = null!;
    private Tensor _input = null!;

    /// <summary>Pruned: the pruned model as it is. Compacted: the compacted one.</summary>
    [Params("Pruned", "Compacted")]
    public string Model { get; set; } = "Pruned";

    /// <summary>Examples per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; }

    /// <summary>libtorch intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        var pruned = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
        NeuronPruning.Prune(pruned, 50, scope: PruningScope.PerLayer);
        var result = Compaction.Compact(pruned);
        Console.WriteLine("// " + result.ToString().Replace("\n", "\n// ", StringComparison.Ordinal));
        Console.WriteLine($"// state_dict file: pruned {FileSize(pruned):N0} bytes, compacted {FileSize(result.Model):N0} bytes");
        if (Model == "Compacted")
        {
            pruned.Dispose();
            _model = result.Model;
        }
        else
        {
            result.Model.Dispose();
            _model = pruned;
        }

        _model.eval();
        _input = randn(Batch, 784);
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

    private static long FileSize(nn.Module model)
    {
        var path = Path.GetTempFileName();
        try
        {
            model.save(path);
            return new FileInfo(path).Length;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
