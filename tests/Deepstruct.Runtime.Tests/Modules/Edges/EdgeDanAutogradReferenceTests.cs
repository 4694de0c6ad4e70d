using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;
using static Deepstruct.Runtime.Tests.Modules.Edges.EdgeDanFixture;

namespace Deepstruct.Runtime.Tests.Modules.Edges;

/// <summary>
/// The hand-written backward of the edge kernel against plain autograd: the same function written
/// as gather–multiply–scatter per layer with out-of-place operations, differentiated by libtorch.
/// </summary>
public class EdgeDanAutogradReferenceTests
{
    private static readonly Scalar One = 1.0.ToScalar();

    public static TheoryData<string, Activation, bool, bool> Configurations()
    {
        var data = new TheoryData<string, Activation, bool, bool>();
        foreach (var structure in new[] { "edgeless-rows", "dag200" })
        {
            foreach (var activation in Activations)
            {
                data.Add(structure, activation, true, true);
                data.Add(structure, activation, false, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_hand_written_backward_equals_autograds_in_float64(string structure, Activation activation, bool useLayerNorm, bool bias)
    {
        torch.manual_seed(141);
        using var dan = new MaskedDeepDan(6, 3, Named(structure), new DanOptions { LayerNorm = useLayerNorm, Activation = activation, Bias = bias, Representation = DanRepresentation.Dense });
        var plan = dan.Plan;
        using var maps = new EdgeDanMaps(plan, EdgeDanLayout.Create(plan), Normalized(dan), activation, bias);
        maps.to(ScalarType.Float64);
        using (no_grad())
        {
            maps.NormWeights?.uniform_(0.5, 1.5);
            maps.NormBiases?.uniform_(-0.5, 0.5);
            using var keep = torch.rand(maps.EdgeMasks.shape).gt(0.2);
            maps.EdgeMasks.logical_and_(keep);
        }

        using var out0 = torch.randn(new long[] { 5, plan.Structure.Layers.SizeOf(0) }, dtype: ScalarType.Float64);
        using var upstream = torch.randn(new long[] { 5, plan.Structure.Layers.SizeOf(plan.Structure.LayerCount - 1) }, dtype: ScalarType.Float64);

        var kernel = Run(maps, out0, upstream, x => maps.call(x));
        var reference = Run(maps, out0, upstream, x => Reference(maps, x));

        foreach (var (name, expected) in reference)
        {
            var difference = RelativeDifference(kernel[name], expected);
            Assert.True(difference <= 1e-12, $"{name}: relative difference {difference}");
        }
    }

    private static Dictionary<string, Tensor> Run(EdgeDanMaps maps, Tensor out0, Tensor upstream, Func<Tensor, Tensor> forward)
    {
        maps.zero_grad();
        var input = out0.detach().clone().requires_grad_(true);
        var output = forward(input);
        output.mul(upstream).sum().backward();
        var result = new Dictionary<string, Tensor> { ["output"] = output.detach(), ["input"] = input.grad! };
        foreach (var (name, parameter) in maps.named_parameters())
        {
            result[name] = parameter.grad!.clone();
        }

        return result;
    }

    /// <summary>The kernel's function with out-of-place autograd operations, batch-major, one tensor per layer.</summary>
    private static Tensor Reference(EdgeDanMaps maps, Tensor out0)
    {
        var layout = maps.Layout;
        var weight = maps.EdgeWeights.mul(maps.EdgeMasks);
        var activation = maps.Activation;
        Tensor? constant = null;
        if (layout.EdgelessRowCount > 0)
        {
            var rows = maps.EdgelessBiases ?? torch.zeros(layout.EdgelessRowCount, dtype: weight.dtype);
            constant = torch.zeros(layout.VertexCount, dtype: weight.dtype).index_add(0, torch.tensor(layout.EdgelessVertex.Select(v => (long)v).ToArray()), DanReference.Activate(activation, rows), One);
        }

        var outputs = new List<Tensor> { out0 };
        long normOffset = 0;
        for (var k = 1; k < layout.LayerCount; k++)
        {
            var size = layout.VertexStart[k + 1] - layout.VertexStart[k];
            var segments = layout.SegmentStart[k + 1] - layout.SegmentStart[k];
            var edges = layout.EdgeStart[k + 1] - layout.EdgeStart[k];
            var earlier = torch.cat(outputs, 1);
            var source = torch.tensor(layout.EdgeSource.Skip(layout.EdgeStart[k]).Take(edges).Select(v => (long)v).ToArray());
            var segment = torch.tensor(layout.EdgeSegment.Skip(layout.EdgeStart[k]).Take(edges).Select(s => (long)(s - layout.SegmentStart[k])).ToArray());
            var vertex = torch.tensor(layout.SegmentVertex.Skip(layout.SegmentStart[k]).Take(segments).Select(v => (long)(v - layout.VertexStart[k])).ToArray());
            var products = earlier.index_select(1, source).mul(weight.narrow(0, layout.EdgeStart[k], edges));
            var z = torch.zeros(new long[] { out0.shape[0], segments }, dtype: out0.dtype).index_add(1, segment, products, One);
            if (maps.SegmentBiases is not null)
            {
                z = z.add(maps.SegmentBiases.narrow(0, layout.SegmentStart[k], segments));
            }

            var main = z.narrow(1, 0, size);
            if (maps.IsNormalized(k))
            {
                main = nn.functional.layer_norm(main, new long[] { size }, maps.NormWeights!.narrow(0, normOffset, size), maps.NormBiases!.narrow(0, normOffset, size), 1e-5);
                normOffset += size;
            }

            var activated = DanReference.Activate(activation, torch.cat(new[] { main, z.narrow(1, size, segments - size) }, 1));
            var output = torch.zeros(new long[] { out0.shape[0], size }, dtype: out0.dtype).index_add(1, vertex, activated, One);
            if (constant is not null)
            {
                output = output.add(constant.narrow(0, layout.VertexStart[k], size));
            }

            outputs.Add(output);
        }

        return outputs[^1];
    }
}
