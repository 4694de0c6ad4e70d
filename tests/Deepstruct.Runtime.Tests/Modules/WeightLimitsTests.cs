using Deepstruct.Structures;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>Dense sizes beyond <see cref="WeightLimits"/> are refused before any tensor is allocated, naming the sizes.</summary>
public class WeightLimitsTests
{
    [Fact]
    public void Ffn_with_a_layer_of_ten_billion_weights_is_refused_naming_the_sizes()
    {
        // The model: 100000 × 100000 = 10¹⁰ weights in the second layer.
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(100000, 10, new[] { 100000, 100000 }));

        Assert.Equal("hidden", error.ParamName);
        Assert.Contains("100000 × 100000", error.Message);
        Assert.Contains("MaximumWeightsPerTensor", error.Message);
    }

    [Fact]
    public void Ffn_whose_first_layer_overflows_any_storage_is_refused_before_libtorch_sees_it()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(int.MaxValue, 10, new[] { int.MaxValue }));

        Assert.Equal("hidden", error.ParamName);
        Assert.Contains("inputSize = 2147483647", error.Message);
    }

    [Fact]
    public void Ffn_whose_total_exceeds_the_model_budget_is_refused_even_when_each_layer_fits()
    {
        // Five layers of 40000 × 40000 = 1.6·10⁹ weights: each fits one tensor, together 8·10⁹ > 2³³.
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepFfn(40000, 40000, new[] { 40000, 40000, 40000, 40000, 40000 }));

        Assert.Contains("MaximumWeights", error.Message);
        Assert.Contains("hidden = [40000, 40000, 40000, 40000, 40000]", error.Message);
    }

    [Fact]
    public void MaskedLinear_beyond_one_tensor_is_refused_naming_the_sizes()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedLinear(int.MaxValue, int.MaxValue));

        Assert.Contains("2147483647 to 2147483647", error.Message);
    }

    [Fact]
    public void Dan_with_a_dense_input_map_beyond_one_tensor_is_refused()
    {
        var structure = Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 3) });

        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(int.MaxValue, 2, structure));

        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("input map", error.Message);
    }

    [Fact]
    public void Dan_with_dense_output_map_beyond_one_tensor_is_refused()
    {
        // One layer of 60000 vertices read by 60000 outputs: 3.6·10⁹ entries.
        var structure = Structure.Create(60000, Array.Empty<Edge>());

        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(1, 60000, structure));

        Assert.Equal("outputSize", error.ParamName);
        Assert.Contains("output map", error.Message);
    }

    [Fact]
    public void Dan_whose_fused_maps_exceed_one_tensor_is_refused_when_stored_dense_and_built_per_edge_by_default()
    {
        // Two layers of 50000 vertices each: the fused main map is dense, 2.5·10⁹ entries.
        var edges = Enumerable.Range(0, 50000).Select(i => new Edge(i, 50000 + i)).ToArray();
        var structure = Structure.Create(100000, edges);

        var error = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepDan(1, 1, structure, new DanOptions { Representation = DanRepresentation.Dense }));

        Assert.Equal("structure", error.ParamName);
        Assert.Contains("main and skip maps", error.Message);

        // 50000 edges of 2.5·10⁹ dense entries: Auto stores them per edge, which fits.
        using var perEdge = new MaskedDeepDan(1, 1, structure);
        Assert.Equal(DanRepresentation.Edges, perEdge.Representation);
        Assert.Equal(50000, perEdge.EdgeCount);
    }

    [Fact]
    public void Recurrent_layers_beyond_one_tensor_are_refused_naming_the_sizes()
    {
        // 4 gates × 600000000 rows overflow an int: refused before the product is formed.
        var lstm = Assert.ThrowsAny<ArgumentException>(() => new MaskedLstmLayer(1, 600_000_000));
        var rnn = Assert.ThrowsAny<ArgumentException>(() => new MaskedDeepRnn(100000, new[] { 100000 }));

        Assert.Contains("hiddenSize = 600000000", lstm.Message);
        Assert.Contains("weight_ih", rnn.Message);
    }

    [Fact]
    public void A_network_within_the_limits_builds()
    {
        using var model = new MaskedDeepFfn(784, 10, new[] { 200, 100 });

        Assert.Equal(3, model.Layers.Count);
    }
}
