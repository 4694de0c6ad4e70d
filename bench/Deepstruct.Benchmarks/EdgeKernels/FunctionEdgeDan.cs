using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// (d) Pull by target layer inside one custom autograd function: the whole main/skip part is one autograd
/// node whose forward and backward run in place on two [batch, V] buffers (outputs H, gradients G), so no
/// autograd bookkeeping per layer and no CopySlices (a write into H's slice under autograd copies the whole
/// H in backward, once per layer).
/// </summary>
internal sealed class FunctionEdgeDan : EdgeDan
{
    private readonly Parameter _w;
    private readonly Parameter _b;

    private readonly bool _vertexMajor;

    public FunctionEdgeDan(EdgePlan plan, int inputSize, int outputSize, bool vertexMajor = false, Func<LayerMap, int, float>? weightOf = null, Func<LayerMap, int, float>? biasOf = null, Tensor? inW = null, Tensor? inB = null, Tensor? outW = null, Tensor? outB = null)
        : base(plan, inputSize, outputSize, weightOf, biasOf, inW, inB, outW, outB)
    {
        _vertexMajor = vertexMajor;
        _w = new Parameter(tensor(PullWeights).DetachFromDisposeScope());
        _b = new Parameter(tensor(PullBiases).DetachFromDisposeScope());
        Src = plan.PullSrcGlobal.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        Seg = plan.PullSeg.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        SegVertex = plan.PullSegVertex.Select(a => tensor(a).DetachFromDisposeScope()).ToArray();
        EdgeStart = new long[plan.L + 1];
        SegStart = new long[plan.L + 1];
        for (var k = 0; k < plan.L; k++) { EdgeStart[k + 1] = EdgeStart[k] + plan.PullEdgeCount[k]; SegStart[k + 1] = SegStart[k] + plan.PullSegCount[k]; }
    }

    internal EdgePlan Plan => P;
    internal Tensor[] Src { get; }
    internal Tensor[] Seg { get; }
    internal Tensor[] SegVertex { get; }
    internal long[] EdgeStart { get; }
    internal long[] SegStart { get; }
    internal static Scalar OneScalar => One;

    public override IEnumerable<Parameter> Parameters() => new[] { InW, InB, _w, _b, ConstB, OutW, OutB };

    public override Tensor Forward(Tensor x)
    {
        var c = Constants();
        var o = nn.functional.relu(nn.functional.linear(x, InW, InB));
        if (P.L > 1) o = _vertexMajor ? EdgeFunctionT.apply(o, _w, _b, c, this) : EdgeFunction.apply(o, _w, _b, c, this);
        return nn.functional.linear(o, OutW, OutB);
    }
}

/// <summary>The custom autograd function of <see cref="FunctionEdgeDan"/>: inputs (out_0, w, b, c, model), output out_{L-1}.</summary>
internal sealed class EdgeFunction : autograd.SingleTensorFunction<EdgeFunction>
{
    public override string Name => "DanEdges";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var h0 = (Tensor)vars[0]; var w = (Tensor)vars[1]; var b = (Tensor)vars[2]; var c = (Tensor)vars[3];
        var m = (FunctionEdgeDan)vars[4];
        var p = m.Plan;
        var batch = h0.shape[0];
        var one = FunctionEdgeDan.OneScalar;
        var h = empty(batch, p.V);
        var a = empty(batch, m.SegStart[p.L]);
        using (no_grad())
        {
            h.narrow(1, 0, p.Sizes[0]).copy_(h0);
            for (var k = 1; k < p.L; k++)
            {
                using var g = h.index_select(1, m.Src[k]);
                using var wk = w.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                g.mul_(wk);
                using var z = a.narrow(1, m.SegStart[k], p.PullSegCount[k]);
                using var bk = b.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                z.copy_(bk.expand(batch, p.PullSegCount[k])).index_add_(1, m.Seg[k], g, one).relu_();
                using var o = h.narrow(1, p.Start[k], p.Sizes[k]);
                using var ck = c.narrow(0, p.Start[k], p.Sizes[k]);
                o.copy_(ck.expand(batch, p.Sizes[k])).index_add_(1, m.SegVertex[k], z, one);
            }
        }

        ctx.save_for_backward(new List<Tensor> { h, a, w });
        ctx.save_data("model", m);
        return h.narrow(1, p.Start[p.L - 1], p.Sizes[p.L - 1]).clone();
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables();
        var h = saved[0]; var a = saved[1]; var w = saved[2];
        var m = (FunctionEdgeDan)ctx.get_data("model");
        var p = m.Plan;
        var batch = gradOutput.shape[0];
        var one = FunctionEdgeDan.OneScalar;
        var g = zeros(batch, p.V);
        var gw = empty(p.E);
        var gb = empty(m.SegStart[p.L]);
        using (no_grad())
        {
            g.narrow(1, p.Start[p.L - 1], p.Sizes[p.L - 1]).copy_(gradOutput);
            for (var k = p.L - 1; k >= 1; k--)
            {
                // Layer k's output gradient is complete: all its consumers are later layers.
                using var go = g.narrow(1, p.Start[k], p.Sizes[k]);
                using var gz = go.index_select(1, m.SegVertex[k]);
                using var ak = a.narrow(1, m.SegStart[k], p.PullSegCount[k]);
                using var active = ak.gt(0);
                gz.mul_(active);
                using var gbk = gb.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                using var gzSum = gz.sum(0L);
                gbk.copy_(gzSum);
                using var ge = gz.index_select(1, m.Seg[k]);
                using var hs = h.index_select(1, m.Src[k]);
                hs.mul_(ge);
                using var gwk = gw.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                using var hsSum = hs.sum(0L);
                gwk.copy_(hsSum);
                using var wk = w.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                ge.mul_(wk);
                g.index_add_(1, m.Src[k], ge, one);
            }
        }

        var gc = g.sum(0L);
        return new List<Tensor> { g.narrow(1, 0, p.Sizes[0]).clone(), gw, gb, gc, null! };
    }
}

/// <summary>(e) <see cref="EdgeFunction"/> with vertex-major buffers [V, batch]: gathers and scatters move contiguous rows of batch floats.</summary>
internal sealed class EdgeFunctionT : autograd.SingleTensorFunction<EdgeFunctionT>
{
    public override string Name => "DanEdgesT";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var h0 = (Tensor)vars[0]; var w = (Tensor)vars[1]; var b = (Tensor)vars[2]; var c = (Tensor)vars[3];
        var m = (FunctionEdgeDan)vars[4];
        var p = m.Plan;
        var batch = h0.shape[0];
        var one = FunctionEdgeDan.OneScalar;
        var h = empty(p.V, batch);
        var a = empty(m.SegStart[p.L], batch);
        using (no_grad())
        {
            h.narrow(0, 0, p.Sizes[0]).copy_(h0.t());
            for (var k = 1; k < p.L; k++)
            {
                using var g = h.index_select(0, m.Src[k]);
                using var wk = w.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                g.mul_(wk.unsqueeze(1));
                using var z = a.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                using var bk = b.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                z.copy_(bk.unsqueeze(1).expand(p.PullSegCount[k], batch)).index_add_(0, m.Seg[k], g, one).relu_();
                using var o = h.narrow(0, p.Start[k], p.Sizes[k]);
                using var ck = c.narrow(0, p.Start[k], p.Sizes[k]);
                o.copy_(ck.unsqueeze(1).expand(p.Sizes[k], batch)).index_add_(0, m.SegVertex[k], z, one);
            }
        }

        ctx.save_for_backward(new List<Tensor> { h, a, w });
        ctx.save_data("model", m);
        return h.narrow(0, p.Start[p.L - 1], p.Sizes[p.L - 1]).t().contiguous();
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var saved = ctx.get_saved_variables();
        var h = saved[0]; var a = saved[1]; var w = saved[2];
        var m = (FunctionEdgeDan)ctx.get_data("model");
        var p = m.Plan;
        var batch = gradOutput.shape[0];
        var one = FunctionEdgeDan.OneScalar;
        var g = zeros(p.V, batch);
        var gw = empty(p.E);
        var gb = empty(m.SegStart[p.L]);
        using (no_grad())
        {
            g.narrow(0, p.Start[p.L - 1], p.Sizes[p.L - 1]).copy_(gradOutput.t());
            for (var k = p.L - 1; k >= 1; k--)
            {
                // Layer k's output gradient is complete: all its consumers are later layers.
                using var go = g.narrow(0, p.Start[k], p.Sizes[k]);
                using var gz = go.index_select(0, m.SegVertex[k]);
                using var ak = a.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                using var active = ak.gt(0);
                gz.mul_(active);
                using var gbk = gb.narrow(0, m.SegStart[k], p.PullSegCount[k]);
                using var gzSum = gz.sum(1L);
                gbk.copy_(gzSum);
                using var ge = gz.index_select(0, m.Seg[k]);
                using var hs = h.index_select(0, m.Src[k]);
                hs.mul_(ge);
                using var gwk = gw.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                using var hsSum = hs.sum(1L);
                gwk.copy_(hsSum);
                using var wk = w.narrow(0, m.EdgeStart[k], p.PullEdgeCount[k]);
                ge.mul_(wk.unsqueeze(1));
                g.index_add_(0, m.Src[k], ge, one);
            }
        }

        var gc = g.sum(1L);
        return new List<Tensor> { g.narrow(0, 0, p.Sizes[0]).t().contiguous(), gw, gb, gc, null! };
    }
}
