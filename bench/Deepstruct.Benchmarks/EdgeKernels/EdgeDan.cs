using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// Spike (issue #13): candidate edge-proportional formulations of a DAN (ReLU, no layer norm, biases on).
/// Parameters: dense input and output maps, one weight per structure edge, one bias per active segment,
/// one bias per edgeless skip row (their act(bias) is batch-independent and is added as a per-vertex constant).
/// </summary>
internal abstract class EdgeDan : IDisposable
{
    // Process-lifetime scalars (NOTES-TORCHSHARP: temporary scalars can be finalized during the native call).
    protected static readonly Scalar One = 1.0f.ToScalar();

    protected EdgeDan(EdgePlan plan, int inputSize, int outputSize, Func<LayerMap, int, float>? weightOf, Func<LayerMap, int, float>? biasOf, Tensor? inW, Tensor? inB, Tensor? outW, Tensor? outB)
    {
        P = plan;
        var rnd = new Random(1);
        float W(LayerMap m, int e) => weightOf?.Invoke(m, e) ?? (float)((rnd.NextDouble() * 2 - 1) / Math.Sqrt(m.InFeatures));
        float Bi(LayerMap m, int r) => biasOf?.Invoke(m, r) ?? (float)((rnd.NextDouble() * 2 - 1) / Math.Sqrt(m.InFeatures));
        PullWeights = plan.EdgeOrderPull.Select(p => W(p.Map, p.Edge)).ToArray();
        PullBiases = plan.BiasOrderPull.Select(p => Bi(p.Map, p.Row)).ToArray();
        ConstBiasValues = plan.ConstBias.Select(p => Bi(p.Map, p.Row)).ToArray();
        var n0 = plan.Sizes[0];
        var nl = plan.Sizes[plan.L - 1];
        InW = new Parameter((inW?.detach().clone() ?? randn(n0, inputSize).mul_(1.0 / Math.Sqrt(inputSize))).DetachFromDisposeScope());
        InB = new Parameter((inB?.detach().clone() ?? zeros(n0)).DetachFromDisposeScope());
        OutW = new Parameter((outW?.detach().clone() ?? randn(outputSize, nl).mul_(1.0 / Math.Sqrt(nl))).DetachFromDisposeScope());
        OutB = new Parameter((outB?.detach().clone() ?? zeros(outputSize)).DetachFromDisposeScope());
        ConstVertex = tensor(plan.ConstVertex).DetachFromDisposeScope();
        ConstB = new Parameter(tensor(ConstBiasValues).DetachFromDisposeScope());
    }

    protected EdgePlan P { get; }
    protected float[] PullWeights { get; }
    protected float[] PullBiases { get; }
    protected float[] ConstBiasValues { get; }
    protected Parameter InW { get; }
    protected Parameter InB { get; }
    protected Parameter OutW { get; }
    protected Parameter OutB { get; }
    protected Parameter ConstB { get; }
    protected Tensor ConstVertex { get; }

    public abstract IEnumerable<Parameter> Parameters();

    public abstract Tensor Forward(Tensor x);

    /// <summary>The per-vertex constant Σ act(bias) of the edgeless skip rows, layer-major [V].</summary>
    protected Tensor Constants() =>
        zeros(P.V).index_add(0, ConstVertex, nn.functional.relu(ConstB), One);

    public virtual void Dispose()
    {
        foreach (var p in Parameters()) p.Dispose();
        ConstVertex.Dispose();
    }

    protected static long[] Take(float[] values, long[] index, out float[] taken)
    {
        taken = new float[index.Length];
        for (var i = 0; i < index.Length; i++) taken[i] = values[index[i]];
        return index;
    }
}

/// <summary>(a) Pull by target layer: H [batch, V] layer-major; per layer gather, multiply, scatter into segments, bias, act, scatter into vertices, write H's slice.</summary>
internal sealed class PullEdgeDan : EdgeDan
{
    private readonly Parameter _w;
    private readonly Parameter _b;
    private readonly Tensor[] _src, _seg, _segVertex;
    private readonly long[] _edgeSplit, _biasSplit;

    public PullEdgeDan(EdgePlan plan, int inputSize, int outputSize, Func<LayerMap, int, float>? weightOf = null, Func<LayerMap, int, float>? biasOf = null, Tensor? inW = null, Tensor? inB = null, Tensor? outW = null, Tensor? outB = null)
        : base(plan, inputSize, outputSize, weightOf, biasOf, inW, inB, outW, outB)
    {
        _w = new Parameter(tensor(PullWeights).DetachFromDisposeScope());
        _b = new Parameter(tensor(PullBiases).DetachFromDisposeScope());
        _src = plan.PullSrcGlobal.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _seg = plan.PullSeg.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _segVertex = plan.PullSegVertex.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _edgeSplit = plan.PullEdgeCount.Skip(1).Select(c => (long)c).ToArray();
        _biasSplit = plan.PullBiasCount.Skip(1).Select(c => (long)c).ToArray();
    }

    public override IEnumerable<Parameter> Parameters() => new[] { InW, InB, _w, _b, ConstB, OutW, OutB };

    public override Tensor Forward(Tensor x)
    {
        var batch = x.shape[0];
        var c = Constants();
        var o = nn.functional.relu(nn.functional.linear(x, InW, InB));
        if (P.L == 1) return nn.functional.linear(o, OutW, OutB);
        var h = zeros(batch, P.V);
        h.narrow(1, 0, P.Sizes[0]).copy_(o);
        var ws = _w.split(_edgeSplit);
        var bs = _b.split(_biasSplit);
        for (var k = 1; k < P.L; k++)
        {
            var g = h.index_select(1, _src[k]).mul(ws[k - 1]);
            var z = zeros(batch, P.PullSegCount[k]).index_add(1, _seg[k], g, One).add(bs[k - 1]);
            var a = nn.functional.relu(z);
            o = zeros(batch, P.Sizes[k]).index_add(1, _segVertex[k], a, One).add(c.narrow(0, P.Start[k], P.Sizes[k]));
            if (k < P.L - 1) h.narrow(1, P.Start[k], P.Sizes[k]).copy_(o);
        }

        return nn.functional.linear(o, OutW, OutB);
    }
}

/// <summary>
/// (b) Push by source layer: as the fused dense layout, but each group j is a gather–multiply–scatter of its
/// edge list into its active segments; (c) the same with a torch.sparse COO mm per group.
/// </summary>
internal sealed class PushEdgeDan : EdgeDan
{
    private readonly Parameter _w;
    private readonly Parameter _b;
    private readonly Tensor[] _src, _seg, _cooIndices, _incomingVertex;
    private readonly long[] _edgeSplit, _biasSplit;
    private readonly bool _coo;

    public PushEdgeDan(EdgePlan plan, int inputSize, int outputSize, bool coo, Func<LayerMap, int, float>? weightOf = null, Func<LayerMap, int, float>? biasOf = null, Tensor? inW = null, Tensor? inB = null, Tensor? outW = null, Tensor? outB = null)
        : base(plan, inputSize, outputSize, weightOf, biasOf, inW, inB, outW, outB)
    {
        _coo = coo;
        var groups = plan.PushSrc.Length;
        var w = plan.PushEdgeIndex.SelectMany(ix => ix.Select(i => PullWeights[i])).ToArray();
        var b = plan.PushBiasIndex.SelectMany(ix => ix.Select(i => PullBiases[i])).ToArray();
        _w = new Parameter(tensor(w).DetachFromDisposeScope());
        _b = new Parameter(tensor(b).DetachFromDisposeScope());
        _src = plan.PushSrc.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _seg = plan.PushSeg.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _cooIndices = Enumerable.Range(0, groups).Select(j => stack(new[] { tensor(plan.PushSeg[j]), tensor(plan.PushSrc[j]) }).DetachFromDisposeScope()).ToArray();
        _incomingVertex = plan.PushIncomingVertex.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        _edgeSplit = plan.PushSrc.Select(a => (long)a.Length).ToArray();
        _biasSplit = plan.PushSegCount.Select(c => (long)c).ToArray();
    }

    public override IEnumerable<Parameter> Parameters() => new[] { InW, InB, _w, _b, ConstB, OutW, OutB };

    public override Tensor Forward(Tensor x)
    {
        var batch = x.shape[0];
        var c = Constants();
        var o = nn.functional.relu(nn.functional.linear(x, InW, InB));
        var groups = P.L - 1;
        if (groups == 0) return nn.functional.linear(o, OutW, OutB);
        var ws = _w.split(_edgeSplit);
        var bs = _b.split(_biasSplit);
        var pieces = new Tensor[groups][];
        for (var k = 0; k < P.L; k++)
        {
            if (k > 0)
            {
                o = pieces[k - 1][0];
                var inc = P.PushIncoming[k];
                if (inc.Length > 0)
                {
                    var skip = inc.Length == 1 ? pieces[inc[0].Group][inc[0].Piece] : cat(inc.Select(p => pieces[p.Group][p.Piece]).ToArray(), 1);
                    o = o.index_add(1, _incomingVertex[k], skip, One);
                }

                o = o.add(c.narrow(0, P.Start[k], P.Sizes[k]));
            }

            if (k < groups)
            {
                Tensor z;
                if (_coo)
                {
                    var s = sparse_coo_tensor(_cooIndices[k], ws[k], new long[] { P.PushSegCount[k], P.Sizes[k] });
                    z = s.mm(o.t()).t().add(bs[k]);
                }
                else
                {
                    var g = o.index_select(1, _src[k]).mul(ws[k]);
                    z = zeros(batch, P.PushSegCount[k]).index_add(1, _seg[k], g, One).add(bs[k]);
                }

                pieces[k] = nn.functional.relu(z).split(P.PushPieces[k], 1);
            }
        }

        return nn.functional.linear(o, OutW, OutB);
    }
}
