using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Optimal brain damage: the exact diagonal against hand-computed derivatives, the empirical Fisher against the exact one.</summary>
public class OptimalBrainDamageTests
{
    private readonly ITestOutputHelper _output;

    public OptimalBrainDamageTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_exact_diagonal_of_a_tiny_tanh_network_equals_the_hand_computed_second_derivatives()
    {
        // y = v·tanh(w·x), L = ½(y − t)² for one example:
        //   ∂²L/∂v² = tanh(wx)²
        //   ∂²L/∂w² = v²·(1 − tanh²)²·x² − 2·(y − t)·v·x²·tanh·(1 − tanh²)
        const double w = 0.8, v = -1.3, x = 0.7, t = 0.2;
        using var model = new MaskedDeepFfn(1, 1, new[] { 1 }, activation: Activation.Tanh, bias: false);
        model.to(ScalarType.Float64);
        using (torch.no_grad())
        {
            model.Layers[0].weight.fill_(w);
            model.Layers[1].weight.fill_(v);
        }

        var data = new[] { (torch.tensor(new[] { x }, new long[] { 1, 1 }), torch.tensor(new[] { t }, new long[] { 1, 1 })) };
        var obd = new OptimalBrainDamageSaliency(model, data, (y, target) => y.sub(target).square().sum().mul(0.5), HessianDiagonal.Exact);

        var hessian = obd.ComputeHessianDiagonal(model.MaskableLayers().ToArray());
        var saliency = obd.Compute(model.MaskableLayers().ToArray());

        var th = Math.Tanh(w * x);
        var y = v * th;
        var hvv = th * th;
        var hww = (v * v * Math.Pow(1 - (th * th), 2) * x * x) - (2 * (y - t) * v * x * x * th * (1 - (th * th)));
        Assert.Equal(hww, hessian[0].item<double>(), 12);
        Assert.Equal(hvv, hessian[1].item<double>(), 12);
        Assert.Equal(0.5 * hww * w * w, saliency[0].item<double>(), 12);
        Assert.Equal(0.5 * hvv * v * v, saliency[1].item<double>(), 12);
    }

    [Fact]
    public void The_exact_diagonal_of_a_linear_least_squares_model_is_twice_the_mean_squared_input()
    {
        // L = mean over batches of mean_n (w·x_n + b − t_n)²: ∂²L/∂w_j² = 2·mean_n x_nj² over all examples.
        torch.manual_seed(51);
        using var layer = new MaskedLinear(3, 1);
        layer.to(ScalarType.Float64);
        var batches = Enumerable.Range(0, 3).Select(_ => (torch.randn(4, 3, dtype: ScalarType.Float64), torch.randn(4, 1, dtype: ScalarType.Float64))).ToArray();
        var obd = new OptimalBrainDamageSaliency(layer, batches, (y, target) => nn.functional.mse_loss(y, target), HessianDiagonal.Exact);

        var hessian = obd.ComputeHessianDiagonal(new IMaskedWeight[] { layer })[0];

        using var inputs = torch.cat(batches.Select(b => b.Item1).ToArray());
        using var expected = inputs.square().mean(new long[] { 0 }).mul(2).reshape(1, 3);
        Assert.True(expected.allclose(hessian, rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void Masked_weights_get_no_second_order_pass_and_zero_saliency()
    {
        torch.manual_seed(52);
        using var model = new MaskedDeepFfn(3, 2, new[] { 3 }, activation: Activation.Tanh);
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50);
        var data = new[] { (torch.randn(5, 3), torch.randn(5, 2)) };
        var obd = new OptimalBrainDamageSaliency(model, data, (y, t) => nn.functional.mse_loss(y, t), HessianDiagonal.Exact);

        foreach (var (saliency, layer) in obd.Compute(model.MaskableLayers().ToArray()).Zip(model.MaskableLayers()))
        {
            using var masked = layer.Mask.logical_not();
            Assert.Equal(0, saliency.masked_select(masked).count_nonzero().item<long>());
        }
    }

    [Fact]
    public void The_empirical_Fisher_ranks_weights_like_the_exact_diagonal_on_a_small_model()
    {
        torch.manual_seed(53);
        using var model = new MaskedDeepFfn(4, 3, new[] { 8 }, activation: Activation.Tanh);
        model.to(ScalarType.Float64);
        var inputs = torch.randn(96, 4, dtype: ScalarType.Float64);
        var labels = torch.randint(0, 3, new long[] { 96 });
        var batches = Enumerable.Range(0, 3).Select(i => (inputs.narrow(0, i * 32, 32), labels.narrow(0, i * 32, 32))).ToArray();
        Func<Tensor, Tensor, Tensor> loss = (y, t) => nn.functional.cross_entropy(y, t);
        using (var optimizer = torch.optim.Adam(model.parameters(), lr: 0.02))
        {
            for (var step = 0; step < 150; step++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                loss(model.call(inputs), labels).backward();
                optimizer.step();
            }
        }

        var layers = model.MaskableLayers().ToArray();
        var exact = new OptimalBrainDamageSaliency(model, batches, loss, HessianDiagonal.Exact).Compute(layers);
        var fisher = new OptimalBrainDamageSaliency(model, batches, loss).Compute(layers);

        var rho = Spearman(Flatten(exact), Flatten(fisher));
        _output.WriteLine($"Spearman rank correlation of OBD saliencies, empirical Fisher vs exact diagonal (FFN 4-8-3, 56 weights, 96 examples): {rho:F3}");
        Assert.True(rho > 0.8, $"rank correlation {rho}");

        // And both prune mostly the same weights.
        var exactOrder = Flatten(exact).Select((s, i) => (s, i)).OrderBy(p => p.s).Take(20).Select(p => p.i).ToHashSet();
        var fisherOrder = Flatten(fisher).Select((s, i) => (s, i)).OrderBy(p => p.s).Take(20).Select(p => p.i).ToHashSet();
        _output.WriteLine($"Overlap of the 20 least salient: {exactOrder.Intersect(fisherOrder).Count()} of 20");
    }

    [Fact]
    public void The_empirical_Fisher_runs_on_the_FFN_784_200_100_10_and_prunes_it()
    {
        torch.manual_seed(54);
        using var model = new MaskedDeepFfn(784, 10, new[] { 200, 100 });
        var data = Enumerable.Range(0, 2).Select(_ => (torch.randn(32, 784), torch.randint(0, 10, new long[] { 32 }))).ToArray();
        var obd = new OptimalBrainDamageSaliency(model, data, (y, t) => nn.functional.cross_entropy(y, t));

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 10, saliency: obd);

        Assert.Equal(17780, result.Pruned); // 10 % of 156,800 + 20,000 + 1,000
    }

    [Fact]
    public void The_exact_diagonal_refuses_models_above_its_limit_and_weights_it_cannot_differentiate()
    {
        using var model = new MaskedDeepFfn(784, 10, new[] { 200, 100 });
        var data = new[] { (torch.randn(2, 784), torch.randint(0, 10, new long[] { 2 })) };
        var exact = new OptimalBrainDamageSaliency(model, data, (y, t) => nn.functional.cross_entropy(y, t), HessianDiagonal.Exact);
        var error = Assert.Throws<ArgumentException>(() => exact.Compute(model.MaskableLayers().ToArray()));
        Assert.Contains("177800", error.Message);

        using var stranger = new MaskedLinear(2, 2);
        Assert.Throws<ArgumentException>(() => exact.Compute(new IMaskedWeight[] { stranger }));

        Assert.Equal("maxExactWeights", Assert.ThrowsAny<ArgumentException>(() => new OptimalBrainDamageSaliency(model, data, (y, t) => y.sum(), HessianDiagonal.Exact, maxExactWeights: 0)).ParamName);
        var empty = new OptimalBrainDamageSaliency(model, Array.Empty<(Tensor, Tensor)>(), (y, t) => y.sum());
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => empty.Compute(model.MaskableLayers().ToArray())).ParamName);
        var notScalar = new OptimalBrainDamageSaliency(model, data, (y, t) => y);
        Assert.Equal("loss", Assert.Throws<ArgumentException>(() => notScalar.Compute(model.MaskableLayers().ToArray())).ParamName);
    }

    private static double[] Flatten(Tensor[] tensors) =>
        tensors.SelectMany(t => t.to(ScalarType.Float64).reshape(-1).data<double>().ToArray()).ToArray();

    private static double Spearman(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        var cov = ra.Zip(rb, (x, y) => (x - ma) * (y - mb)).Sum();
        var va = ra.Sum(x => (x - ma) * (x - ma));
        var vb = rb.Sum(y => (y - mb) * (y - mb));
        return cov / Math.Sqrt(va * vb);
    }

    private static double[] Ranks(double[] values)
    {
        var order = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && order[end + 1].v == order[start].v)
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k].i] = (start + end) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }
}
