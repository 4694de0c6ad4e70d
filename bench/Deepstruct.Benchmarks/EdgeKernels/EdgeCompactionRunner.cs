using System.Diagnostics;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// <c>edge compact N THREADS</c>: a DAN on WattsStrogatz(N, 4, 0.5) stored per edge (784 in, 10 out, as the
/// #13 benchmarks), 50 % of its neurons pruned by magnitude, then compacted; prints the time of each step
/// and the process's peak working set (VmHWM), one configuration per process so that the peak is this one's.
/// </summary>
internal static class EdgeCompactionRunner
{
    public static void Run(int n, int threads)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var sw = Stopwatch.StartNew();
        using var model = new MaskedDeepDan(784, 10, StructureFamilies.WattsStrogatz(n, 4, 0.5, 1), new DanOptions { Representation = DanRepresentation.Edges });
        var build = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"  {model.LayerCount} layers, {model.MainMaps.Count} main and {model.SkipMaps.Count} skip maps, {model.EdgeMaps.Layout.SegmentCount} segments, {model.EdgeMaps.Layout.EdgelessRowCount} edgeless rows, {model.DenseFusedEntries:N0} dense fused entries");
        var hwmBuild = Hwm();
        sw.Restart();
        var pruned = NeuronPruning.Prune(model, 50);
        var prune = sw.Elapsed.TotalMilliseconds;
        var hwmPrune = Hwm();
        sw.Restart();
        var result = Compaction.Compact(model);
        var compact = sw.Elapsed.TotalMilliseconds;
        using var compacted = result.Model;
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            var input = randn(16, 784);
            var difference = model.call(input).sub(compacted.call(input)).abs().max().item<float>();
            Console.WriteLine($"  largest output difference pruned vs compacted: {difference:G3}");
        }

        Console.WriteLine($"  pruned {pruned.Pruned} neurons; parameters {model.ParameterCount:N0} -> {compacted.ParameterCount:N0}, representation {compacted.Representation}, vertices {model.Structure.VertexCount} -> {compacted.Structure.VertexCount}, edges {model.EdgeCount} -> {compacted.EdgeCount}");
        Console.WriteLine($"COMPACT WS({n}) threads {threads}: build {build:F0} ms, prune 50 % {prune:F0} ms, compact {compact:F0} ms; VmHWM after build {hwmBuild} MB, after prune {hwmPrune} MB, peak {Hwm()} MB; load before {load}, after {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static long Hwm() =>
        long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
