using System;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What the edge kernel needs besides the parameters: the sizes of each layer's edges, segments,
/// vertices and norm rows (arrays), and the int64 index tensors on the parameters' device, split per
/// layer once, not per call. Not a tensor field of the module, so it is neither a buffer nor saved;
/// <see cref="EnsureOn"/> moves it when the module has moved.
/// </summary>
internal sealed class EdgeDanIndices : IDisposable
{
    // Host copies (int32: half the memory of int64), from which the index tensors are built on a device change.
    private readonly int[] _segment;
    private readonly int[] _segmentVertex;

    private Tensor[] _owned = Array.Empty<Tensor>();

    public EdgeDanIndices(EdgeDanLayout layout, bool[] normalized, Activation activation)
    {
        Layout = layout;
        Activation = activation;
        var layers = layout.LayerCount;
        Normalized = new bool[layers];
        EdgeCounts = new long[layers];
        SegmentCounts = new long[layers];
        VertexCounts = new long[layers];
        NormCounts = new long[layers];
        for (var k = 0; k < layers; k++)
        {
            EdgeCounts[k] = layout.EdgeStart[k + 1] - layout.EdgeStart[k];
            SegmentCounts[k] = layout.SegmentStart[k + 1] - layout.SegmentStart[k];
            VertexCounts[k] = layout.VertexStart[k + 1] - layout.VertexStart[k];
            Normalized[k] = k >= 1 && normalized[k];
            NormCounts[k] = Normalized[k] ? VertexCounts[k] : 0;
            NormRowCount += NormCounts[k];
        }

        // The kernel scatters into per-layer views: segments and segment vertices are numbered within their layer.
        _segment = new int[layout.EdgeCount];
        _segmentVertex = new int[layout.SegmentCount];
        for (var k = 1; k < layers; k++)
        {
            var segmentStart = layout.SegmentStart[k];
            for (var e = layout.EdgeStart[k]; e < layout.EdgeStart[k + 1]; e++)
            {
                _segment[e] = layout.EdgeSegment[e] - segmentStart;
            }

            var vertexStart = layout.VertexStart[k];
            for (var s = segmentStart; s < layout.SegmentStart[k + 1]; s++)
            {
                _segmentVertex[s] = layout.SegmentVertex[s] - vertexStart;
            }
        }

        Source = SegmentOfEdge = VertexOfSegment = Array.Empty<Tensor>();
        EdgelessVertex = null!;
        Build(CPU);
    }

    public EdgeDanLayout Layout { get; }

    public Activation Activation { get; }

    /// <summary>Per layer, whether its main segments are normalized (never layer 0: its norm is outside the kernel).</summary>
    public bool[] Normalized { get; }

    public long[] EdgeCounts { get; }

    public long[] SegmentCounts { get; }

    public long[] VertexCounts { get; }

    /// <summary>Per layer, its rows in the flat norm parameters: its size where normalized, else 0.</summary>
    public long[] NormCounts { get; }

    public long NormRowCount { get; }

    /// <summary>Per layer, the source vertex (layer-major) of each of its edges.</summary>
    public Tensor[] Source { get; private set; }

    /// <summary>Per layer, each edge's segment within the layer.</summary>
    public Tensor[] SegmentOfEdge { get; private set; }

    /// <summary>Per layer, each segment's vertex within the layer.</summary>
    public Tensor[] VertexOfSegment { get; private set; }

    /// <summary>All edgeless rows' vertices (layer-major).</summary>
    public Tensor EdgelessVertex { get; private set; }

    private Device Device { get; set; } = CPU;

    /// <summary>Moves the index tensors next to <paramref name="like"/> if they are elsewhere.</summary>
    public void EnsureOn(Tensor like)
    {
        if (like.device_type != Device.type || like.device_index != Device.index)
        {
            Build(like.device);
        }
    }

    public void Dispose()
    {
        foreach (var t in _owned)
        {
            t.Dispose();
        }

        _owned = Array.Empty<Tensor>();
    }

    private static Tensor Int64(int[] values, Device device) => tensor(values, device: device).to_type(ScalarType.Int64);

    private void Build(Device device)
    {
        // Built outside any caller's dispose scope: these live as long as the module.
        using var scope = NewDisposeScope();
        var source = Int64(Layout.EdgeSource, device);
        var segment = Int64(_segment, device);
        var segmentVertex = Int64(_segmentVertex, device);
        var edgelessVertex = Int64(Layout.EdgelessVertex, device);
        var sourceParts = source.split(EdgeCounts);
        var segmentParts = segment.split(EdgeCounts);
        var vertexParts = segmentVertex.split(SegmentCounts);
        var owned = new Tensor[1 + sourceParts.Length + segmentParts.Length + vertexParts.Length];
        owned[0] = edgelessVertex;
        sourceParts.CopyTo(owned, 1);
        segmentParts.CopyTo(owned, 1 + sourceParts.Length);
        vertexParts.CopyTo(owned, 1 + sourceParts.Length + segmentParts.Length);
        foreach (var t in owned)
        {
            t.DetachFromDisposeScope();
        }

        Dispose();
        _owned = owned;
        Source = sourceParts;
        SegmentOfEdge = segmentParts;
        VertexOfSegment = vertexParts;
        EdgelessVertex = edgelessVertex;
        Device = device;
    }
}
