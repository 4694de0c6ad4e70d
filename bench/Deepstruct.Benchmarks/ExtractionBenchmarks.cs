using BenchmarkDotNet.Attributes;
using Deepstruct.Extraction;
using Deepstruct.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Graph extraction on DESIGN.md's two workloads: MaskedDeepFfn 784-200-100-10 with full masks
/// (177,800 edges) and the two-convolution CNN on 28×28 (1→4→8 channels, 3×3; 190,224 edges).
/// <c>Transform</c> is what <c>GraphTransform.Transform</c> costs (hooks, one forward pass, edges,
/// the labeled DAG); <c>TransformAndEnumerate</c> also reads every edge through QuikGraph, which fills the
/// graph's QuikGraph view (deferred until first read).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private nn.Module<Tensor, Tensor> _model = null!;
    private Tensor _input = null!;
    private GraphTransform _transform = null!;

    [Params("FFN 784-200-100-10", "CNN 28x28 1-4-8")]
    public string Model { get; set; } = "FFN 784-200-100-10";

    [GlobalSetup]
    public void Setup()
    {
        // Extraction's torch work is one forward pass on a single example and a few mask reads:
        // libtorch's second thread only adds synchronization (on this shared 2-core machine a
        // run with the default 2 threads measured ~39 ms for the CNN against ~5 ms with one).
        torch.set_num_threads(1);
        torch.manual_seed(1);
        (_model, _input) = Model.StartsWith("FFN", StringComparison.Ordinal)
            ? ((nn.Module<Tensor, Tensor>)new MaskedDeepFfn(784, 10, new[] { 200, 100 }), randn(1, 784))
            : (nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 8, 3), nn.ReLU()), randn(1, 1, 28, 28));
        _transform = new GraphTransform(_input);
        var graph = _transform.Transform(_model);
        Console.WriteLine($"// {Model}: {graph.VertexCount} vertices, {graph.EdgeCount} edges, {graph.NumLayers} layers");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _input.Dispose();
    }

    [Benchmark]
    public LabeledDag Transform() => _transform.Transform(_model);

    [Benchmark]
    public int TransformAndEnumerate()
    {
        var graph = _transform.Transform(_model);
        var count = 0;
        foreach (var edge in graph.Edges)
        {
            count += edge.Target > edge.Source ? 1 : 0;
        }

        return count;
    }
}
