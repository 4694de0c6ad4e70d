using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A DAN's main and skip maps as one autograd node over edge lists: inputs
/// <c>(out_0 [batch, n_0], w [E], b [S] or null, c [V] or null, γ [N] or null, β [N] or null, indices)</c>,
/// output <c>out_{L-1} [batch, n_{L-1}]</c>. <c>w</c> is the masked edge weight, <c>b</c> the segment
/// biases, <c>c</c> the per-vertex constant of the edgeless rows, <c>γ, β</c> the norms of the normalized
/// layers ≥ 1, one after another.
/// </summary>
/// <remarks>
/// Layer by layer, vertex-major (<c>[V, batch]</c>, so every gather and scatter moves contiguous rows):
/// gather the sources of the layer's edges, weight them, scatter-add them into the segments (initialized
/// with their biases), normalize the main segments where the layer has a norm, activate, and scatter-add
/// the segments into their vertices (initialized with <c>c</c>). One node instead of one per operation:
/// the buffers are written in place and never copied by autograd. The backward walks the layers in
/// reverse: layer <c>k</c>'s output gradient is complete when it is reached, since only later layers read it.
/// </remarks>
internal sealed class EdgeDanFunction : autograd.SingleTensorFunction<EdgeDanFunction>
{
    /// <summary>TorchSharp's LayerNorm default, which MaskedDeepDan's norms use.</summary>
    public const double NormEpsilon = 1e-5;

    // Process-lifetime scalars (see TorchScalars: a temporary Scalar can be finalized mid-call).
    private static readonly Scalar One = TorchScalars.One;
    private static readonly Scalar Epsilon = NormEpsilon.ToScalar();
    private static readonly Scalar LeakySlope = ActivationFunctions.LeakyReluSlope.ToScalar();
    private static readonly Scalar EluAlpha = ActivationFunctions.EluAlpha.ToScalar();
    private static readonly Scalar Half = 0.5.ToScalar();
    private static readonly Scalar MinusHalf = (-0.5).ToScalar();
    private static readonly Scalar InverseSqrt2 = (1.0 / Math.Sqrt(2.0)).ToScalar();
    private static readonly Scalar InverseSqrt2Pi = (1.0 / Math.Sqrt(2.0 * Math.PI)).ToScalar();
    private static readonly long[] FirstDim = { 0 };

    /// <inheritdoc />
    public override string Name => "EdgeDanMaps";

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var out0 = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var bias = vars[2] as Tensor;
        var constant = vars[3] as Tensor;
        var normWeight = vars[4] as Tensor;
        var normBias = vars[5] as Tensor;
        var ix = (EdgeDanIndices)vars[6];
        var layout = ix.Layout;
        var layers = layout.LayerCount;
        var batch = out0.shape[0];
        var gelu = ix.Activation == Activation.GELU;

        using var scope = NewDisposeScope();
        var options = (out0.dtype, out0.device);

        // h: every vertex's output; a: every segment's activation (its activation input under GELU, whose derivative needs it).
        // Both are written in place, so they must be new tensors: repeat copies, where expand(...).contiguous() of a
        // batch of one would return a view of the bias itself (already contiguous) and write into the parameter.
        var h = constant is null
            ? zeros(layout.VertexCount, batch, dtype: options.dtype, device: options.device)
            : constant.unsqueeze(1).repeat(1, batch);
        var a = bias is null
            ? zeros(layout.SegmentCount, batch, dtype: options.dtype, device: options.device)
            : bias.unsqueeze(1).repeat(1, batch);
        var hk = h.split(ix.VertexCounts);
        hk[0].copy_(out0.t());
        var ak = a.split(ix.SegmentCounts);
        var wk = weight.view(-1, 1).split(ix.EdgeCounts);
        Tensor? xhat = null;
        Tensor? rstd = null;
        Tensor[]? xhatk = null;
        Tensor[]? gammak = null;
        Tensor[]? betak = null;
        if (ix.NormRowCount > 0)
        {
            xhat = empty(ix.NormRowCount, batch, dtype: options.dtype, device: options.device);
            rstd = empty(layers, batch, dtype: options.dtype, device: options.device);
            xhatk = xhat.split(ix.NormCounts);
            gammak = normWeight!.view(-1, 1).split(ix.NormCounts);
            betak = normBias!.view(-1, 1).split(ix.NormCounts);
        }

        for (var k = 1; k < layers; k++)
        {
            // Per layer: the [edges, batch] temporaries of all layers together would be E × batch.
            using var layerScope = NewDisposeScope();
            var gathered = h.index_select(0, ix.Source[k]);
            gathered.mul_(wk[k]);
            var z = ak[k];
            z.index_add_(0, ix.SegmentOfEdge[k], gathered, One);
            if (ix.Normalized[k])
            {
                var main = z.narrow(0, 0, ix.VertexCounts[k]);
                var mean = main.mean(FirstDim, keepdim: true);
                main.sub_(mean);
                var r = main.square().mean(FirstDim, keepdim: true).add_(Epsilon).rsqrt_();
                main.mul_(r);
                xhatk![k].copy_(main);
                rstd![k].copy_(r.view(-1));
                main.mul_(gammak![k]).add_(betak![k]);
            }

            var activated = gelu ? nn.functional.gelu(z) : ActivateInPlace(ix.Activation, z);
            hk[k].index_add_(0, ix.VertexOfSegment[k], activated, One);
        }

        var result = hk[layers - 1].t().contiguous();
        ctx.save_for_backward(new List<Tensor> { h, a, weight, normWeight!, xhat!, rstd! });
        ctx.save_data("indices", ix);
        ctx.save_data("constant", constant is not null);
        ctx.save_data("bias", bias is not null);

        // Saved tensors are recorded after forward returns: they must outlive this scope.
        h.MoveToOuterDisposeScope();
        a.MoveToOuterDisposeScope();
        xhat?.MoveToOuterDisposeScope();
        rstd?.MoveToOuterDisposeScope();
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var ix = (EdgeDanIndices)ctx.get_data("indices");
        var hasConstant = (bool)ctx.get_data("constant");
        var hasBias = (bool)ctx.get_data("bias");
        var layout = ix.Layout;
        var layers = layout.LayerCount;
        var batch = grad_output.shape[0];

        using var scope = NewDisposeScope();
        var h = saved[0];
        var a = saved[1];
        var weight = saved[2];
        var normWeight = saved[3];
        var xhat = saved[4];
        var rstd = saved[5];
        var (dtype, device) = (h.dtype, h.device);

        var g = zeros(layout.VertexCount, batch, dtype: dtype, device: device);
        var gk = g.split(ix.VertexCounts);
        gk[layers - 1].copy_(grad_output.t());
        var ak = a.split(ix.SegmentCounts);
        var wk = weight.view(-1, 1).split(ix.EdgeCounts);
        var gradWeight = empty(layout.EdgeCount, dtype: dtype, device: device);
        var gwk = gradWeight.split(ix.EdgeCounts);
        Tensor? gradBias = null;
        Tensor[]? gbk = null;
        if (hasBias)
        {
            gradBias = empty(layout.SegmentCount, dtype: dtype, device: device);
            gbk = gradBias.split(ix.SegmentCounts);
        }

        Tensor? gradGamma = null;
        Tensor? gradBeta = null;
        Tensor[]? xhatk = null;
        Tensor[]? gammak = null;
        Tensor[]? ggk = null;
        Tensor[]? gbetak = null;
        if (ix.NormRowCount > 0)
        {
            gradGamma = empty(ix.NormRowCount, dtype: dtype, device: device);
            gradBeta = empty(ix.NormRowCount, dtype: dtype, device: device);
            xhatk = xhat.split(ix.NormCounts);
            gammak = normWeight.view(-1, 1).split(ix.NormCounts);
            ggk = gradGamma.split(ix.NormCounts);
            gbetak = gradBeta.split(ix.NormCounts);
        }

        for (var k = layers - 1; k >= 1; k--)
        {
            using var layerScope = NewDisposeScope();
            var gz = gk[k].index_select(0, ix.VertexOfSegment[k]);
            MultiplyByDerivative(ix.Activation, gz, ak[k]);
            if (ix.Normalized[k])
            {
                // Layer norm backward over the layer's main segments (dim 0), per example.
                var gy = gz.narrow(0, 0, ix.VertexCounts[k]);
                var x = xhatk![k];
                gbetak![k].copy_(gy.sum(1L));
                ggk![k].copy_(gy.mul(x).sum(1L));
                var gx = gy.mul(gammak![k]);
                var meanG = gx.mean(FirstDim, keepdim: true);
                var meanGx = gx.mul(x).mean(FirstDim, keepdim: true);
                gx.sub_(meanG).sub_(x.mul(meanGx)).mul_(rstd[k]);
                gy.copy_(gx);
            }

            if (gbk is not null)
            {
                gbk[k].copy_(gz.sum(1L));
            }

            var ge = gz.index_select(0, ix.SegmentOfEdge[k]);
            var sources = h.index_select(0, ix.Source[k]);
            sources.mul_(ge);
            gwk[k].copy_(sources.sum(1L));
            ge.mul_(wk[k]);
            g.index_add_(0, ix.Source[k], ge, One);
        }

        var gradOut0 = gk[0].t().contiguous().MoveToOuterDisposeScope();
        gradWeight.MoveToOuterDisposeScope();
        gradBias?.MoveToOuterDisposeScope();
        gradGamma?.MoveToOuterDisposeScope();
        gradBeta?.MoveToOuterDisposeScope();
        var gradConstant = hasConstant ? g.sum(1L).MoveToOuterDisposeScope() : null;

        // Unpacking made new handles of the saved tensors; the node keeps its own.
        foreach (var t in saved)
        {
            t?.Dispose();
        }

        return new List<Tensor> { gradOut0, gradWeight, gradBias!, gradConstant!, gradGamma!, gradBeta!, null! };
    }

    /// <summary>Activates <paramref name="z"/> in place (every activation but GELU, whose input the backward keeps) and returns it.</summary>
    private static Tensor ActivateInPlace(Activation activation, Tensor z) => activation switch
    {
        Activation.ReLU => z.relu_(),
        Activation.Tanh => z.tanh_(),
        Activation.Sigmoid => z.sigmoid_(),
        Activation.LeakyReLU => z.leaky_relu_(LeakySlope),
        Activation.ELU => z.elu_(EluAlpha, One, One),
        Activation.Identity => z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation."),
    };

    /// <summary>
    /// Multiplies the gradient <paramref name="grad"/> of an activation's output in place by the
    /// derivative, from its saved output <paramref name="saved"/> (its input for GELU), as libtorch does.
    /// </summary>
    private static void MultiplyByDerivative(Activation activation, Tensor grad, Tensor saved)
    {
        switch (activation)
        {
            case Activation.ReLU:
                grad.mul_(saved.gt(TorchScalars.Zero));
                break;
            case Activation.LeakyReLU:
                grad.copy_(grad.where(saved.gt(TorchScalars.Zero), grad.mul(LeakySlope)));
                break;
            case Activation.ELU:
                // For x ≤ 0, d elu/dx = α·eˣ = elu(x) + α.
                grad.copy_(grad.where(saved.gt(TorchScalars.Zero), grad.mul(saved.add(EluAlpha))));
                break;
            case Activation.Tanh:
                grad.mul_(saved.square().neg_().add_(One));
                break;
            case Activation.Sigmoid:
                grad.mul_(saved.neg().add_(One).mul_(saved));
                break;
            case Activation.GELU:
                // Φ(x) + x·φ(x), the exact (erf) GELU's derivative.
                var cdf = saved.mul(InverseSqrt2).erf_().add_(One).mul_(Half);
                var pdf = saved.square().mul_(MinusHalf).exp_().mul_(InverseSqrt2Pi).mul_(saved);
                grad.mul_(cdf.add_(pdf));
                break;
            case Activation.Identity:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation.");
        }
    }
}
