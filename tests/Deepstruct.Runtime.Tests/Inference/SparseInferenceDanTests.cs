using Deepstruct.Inference;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Inference;

/// <summary>Sparse inference of a DAN, in either representation, computes the DAN's function group by group.</summary>
public class SparseInferenceDanTests
{
    public static TheoryData<DanRepresentation, bool, Activation, SparseInferenceMode, int> Variants()
    {
        var data = new TheoryData<DanRepresentation, bool, Activation, SparseInferenceMode, int>();
        foreach (var representation in new[] { DanRepresentation.Dense, DanRepresentation.Edges })
        {
            foreach (var mode in Enum.GetValues<SparseInferenceMode>())
            {
                data.Add(representation, true, Activation.Tanh, mode, 1);
                data.Add(representation, false, Activation.Sigmoid, mode, 64);
            }

            data.Add(representation, true, Activation.GELU, SparseInferenceMode.Sparse, 19);
            data.Add(representation, false, Activation.ReLU, SparseInferenceMode.Sparse, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Sparse_inference_of_a_pruned_dan_equals_the_dan(DanRepresentation representation, bool layerNorm, Activation activation, SparseInferenceMode mode, int batch)
    {
        torch.manual_seed(71);
        using var model = PrunedDan(representation, new DanOptions { LayerNorm = layerNorm, Activation = activation, Representation = representation }, keep: 0.7);
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = mode });
        using var input = torch.randn(batch, 6);

        SparseInferenceTests.AssertClose(model, sparse, input, relative: 1e-5, absolute: 1e-6);
        if (mode != SparseInferenceMode.Auto)
        {
            Assert.All(sparse.Layers, layer => Assert.Equal(mode == SparseInferenceMode.Sparse, layer.IsSparse));
        }
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void Sparse_inference_of_a_float64_dan_without_biases_equals_the_dan(DanRepresentation representation)
    {
        // Without biases a skip row without an edge still adds act(0): 0.5 under Sigmoid.
        torch.manual_seed(72);
        using var model = PrunedDan(representation, new DanOptions { LayerNorm = true, Activation = Activation.Sigmoid, Bias = false, Representation = representation }, keep: 0.5);
        model.to(float64);
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(9, 6, dtype: float64);

        SparseInferenceTests.AssertClose(model, sparse, input, relative: 1e-12, absolute: 1e-12);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void The_layers_list_the_input_map_each_fused_group_with_its_unmasked_weights_and_the_output_map(DanRepresentation representation)
    {
        torch.manual_seed(73);
        using var model = PrunedDan(representation, new DanOptions { Representation = representation }, keep: 0.4);
        using var sparse = SparseInference.Prepare(model);

        var groups = model.Layout.GroupCount;
        Assert.Equal(
            new[] { "input_map" }.Concat(Enumerable.Range(0, groups).Select(j => $"groups.{j}")).Append("output_map"),
            sparse.Layers.Select(layer => layer.Path));
        var mapWeights = model.MainMaps.Concat(model.SkipMaps).Sum(map => map.WeightCount);
        Assert.Equal(mapWeights, sparse.Layers.Skip(1).Take(groups).Sum(layer => layer.WeightCount));
        for (var j = 0; j < groups; j++)
        {
            var group = sparse.Layers[1 + j];
            Assert.Equal(model.Layout.GroupColumns[j], group.InFeatures);
            Assert.Equal(model.Layout.GroupRows[j], group.OutFeatures);
            Assert.Equal(group.Density <= SparseInferenceOptions.DefaultMaximumSparseDensity, group.IsSparse);
        }
    }

    [Fact]
    public void Sparse_inference_of_a_dan_stored_per_edge_reads_its_edges_and_no_map_densely()
    {
        torch.manual_seed(76);
        using var model = new MaskedDeepDan(16, 4, StructureFamilies.WattsStrogatz(3000, 4, 0.5, 7), new DanOptions { LayerNorm = true, Representation = DanRepresentation.Edges });
        foreach (var weight in model.MaskableLayers())
        {
            using var drawn = torch.rand(weight.Weight.shape).lt(0.5);
            using var mask = drawn.logical_and(weight.Mask);
            weight.Mask = mask;
        }

        model.eval();
        var before = model.EdgeMaps.DenseMapAccesses;
        using var sparse = SparseInference.Prepare(model);

        Assert.Equal(before, model.EdgeMaps.DenseMapAccesses);
        Assert.Contains(sparse.Layers, layer => layer.IsSparse);
        using var input = torch.randn(8, 16);
        SparseInferenceTests.AssertClose(model, sparse, input, relative: 1e-5, absolute: 1e-6);
    }

    [Theory]
    [InlineData(DanRepresentation.Dense)]
    [InlineData(DanRepresentation.Edges)]
    public void A_dan_of_one_layer_has_no_groups_and_gives_the_dans_output(DanRepresentation representation)
    {
        torch.manual_seed(77);
        using var model = new MaskedDeepDan(5, 2, Structure.Create(4, Array.Empty<Edge>()), new DanOptions { LayerNorm = true, Representation = representation });
        model.eval();
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(3, 5);

        SparseInferenceTests.AssertClose(model, sparse, input, relative: 1e-5, absolute: 1e-6);
        Assert.Equal(new[] { "input_map", "output_map" }, sparse.Layers.Select(layer => layer.Path));
    }

    [Fact]
    public void A_dan_followed_by_a_masked_layer_runs_in_order()
    {
        torch.manual_seed(74);
        using var model = nn.Sequential(
            ("dan", (nn.Module<Tensor, Tensor>)new MaskedDeepDan(6, 4, StructureFamilies.WattsStrogatz(20, 4, 0.5, 2), new DanOptions { Representation = DanRepresentation.Edges })),
            ("classifier", new MaskedLinear(4, 2)));
        model.eval();
        using var sparse = SparseInference.Prepare(model, new SparseInferenceOptions { Mode = SparseInferenceMode.Sparse });
        using var input = torch.randn(5, 6);

        SparseInferenceTests.AssertClose(model, sparse, input, relative: 1e-5, absolute: 1e-6);
        Assert.Equal("classifier", sparse.Layers[^1].Path);
    }

    [Fact]
    public void The_prepared_dan_is_a_snapshot_of_the_weights()
    {
        torch.manual_seed(75);
        using var model = PrunedDan(DanRepresentation.Edges, new DanOptions { LayerNorm = true, Representation = DanRepresentation.Edges }, keep: 0.5);
        using var input = torch.randn(4, 6);
        using var sparse = SparseInference.Prepare(model);
        using var before = Output(model, input);

        using (torch.no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                parameter.mul_(2);
            }
        }

        using var after = Output(sparse, input);
        Assert.True(after.allclose(before, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_dan_whose_forward_pass_is_overridden_is_refused_by_name()
    {
        using var model = new OverridingDan();
        model.eval();

        var error = Assert.Throws<NotSupportedException>(() => SparseInference.Prepare(model));
        Assert.Contains("OverridingDan at (the model itself): it overrides its base class's forward pass", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A DAN on four layers of six vertices (<see cref="TestStructures.Layered"/>), 6 → 3, with a fraction <paramref name="keep"/> of its main and skip maps' weights left and every parameter moved off its initial value, in eval mode.</summary>
    private static MaskedDeepDan PrunedDan(DanRepresentation representation, DanOptions options, double keep)
    {
        var model = new MaskedDeepDan(6, 3, TestStructures.Layered(6, 4, 4, seed: 5), options);
        Assert.Equal(representation, model.Representation);
        Assert.NotEmpty(model.SkipMaps);
        foreach (var weight in model.MaskableLayers().Where(weight => weight is not MaskedLinear))
        {
            using var drawn = torch.rand(weight.Weight.shape).lt(keep);
            using var mask = drawn.logical_and(weight.Mask);
            weight.Mask = mask;
        }

        using (torch.no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                parameter.add_(torch.randn_like(parameter).mul_(0.2));
            }
        }

        model.eval();

        using var probe = torch.randn(8, 6);
        Compaction.SameFunction.AssertFollowsInput(model, probe);
        return model;
    }

    private static Tensor Output(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var noGrad = torch.no_grad();
        return model.call(input);
    }

    private sealed class OverridingDan : MaskedDeepDan
    {
        public OverridingDan()
            : base(4, 2, StructureFamilies.WattsStrogatz(10, 2, 0.5, 1))
        {
        }

        public override Tensor forward(Tensor input) => base.forward(input).neg();
    }
}
