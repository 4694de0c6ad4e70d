using TorchSharp;

namespace Deepstruct.Benchmarks;

/// <summary>Thread setting of the TorchSharp benchmarks.</summary>
internal static class BenchmarkThreads
{
    /// <summary>
    /// One libtorch intra-op thread. Pruning's selection is managed and single-threaded, and its
    /// tensor operations are small or memory-bound; on a shared 2-core machine libtorch's OpenMP
    /// threads spin against other processes and turned a 2 ms prune into 30–80 ms of noise.
    /// </summary>
    public static void Configure() => torch.set_num_threads(1);
}
