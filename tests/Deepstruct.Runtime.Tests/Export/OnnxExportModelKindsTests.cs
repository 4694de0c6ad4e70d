using Deepstruct.Export;
using Deepstruct.Structures;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>DANs, recurrent models and float64 models export and give TorchSharp's outputs in ONNX Runtime.</summary>
public class OnnxExportModelKindsTests
{
    public static TheoryData<Activation, bool, int> DanVariants()
    {
        var data = new TheoryData<Activation, bool, int>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, false, OnnxExportOptions.MinimumOpset);
            data.Add(activation, true, OnnxExportOptions.MaximumOpset);
        }

        data.Add(Activation.GELU, true, OnnxExportOptions.MinimumOpset);
        data.Add(Activation.GELU, false, OnnxExportOptions.MaximumOpset);
        return data;
    }

    [Theory]
    [MemberData(nameof(DanVariants))]
    public void An_exported_dan_with_skip_connections_gives_torchsharps_output(Activation activation, bool layerNorm, int opset)
    {
        torch.manual_seed(41);
        using var model = Dan(6, 3, StructureFamilies.WattsStrogatz(30, 4, 0.5, 3), layerNorm, activation);
        Assert.NotEmpty(model.SkipMaps);
        Prune(model, keep: 0.6);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = opset });

        using var one = torch.randn(1, 6);
        using var seven = torch.randn(7, 6);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, one);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, seven);
    }

    [Theory]
    [InlineData(true, Activation.Tanh)]
    [InlineData(false, Activation.ReLU)]
    public void An_exported_dan_stored_per_edge_gives_torchsharps_output(bool layerNorm, Activation activation)
    {
        torch.manual_seed(43);
        using var model = Dan(6, 3, StructureFamilies.WattsStrogatz(30, 4, 0.5, 3), layerNorm, activation, DanRepresentation.Edges);
        Prune(model, keep: 0.6);
        using (torch.no_grad())
        {
            // Norm parameters away from their initial 1 and 0, so reading the wrong ones would show.
            foreach (var parameter in model.parameters())
            {
                parameter.add_(torch.randn_like(parameter).mul_(0.1));
            }
        }

        var bytes = OnnxExport.ToBytes(model);

        using var one = torch.randn(1, 6);
        using var seven = torch.randn(7, 6);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, one);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, seven);
    }

    [Fact]
    public void An_exported_dan_stored_per_edge_without_biases_keeps_the_activation_of_zero_of_its_skip_rows_without_an_edge()
    {
        // Without biases a skip map's row without an edge still adds act(0): 0.5 under Sigmoid.
        torch.manual_seed(45);
        using var model = new MaskedDeepDan(6, 3, StructureFamilies.WattsStrogatz(30, 4, 0.5, 3), new DanOptions { Activation = Activation.Sigmoid, Bias = false, Representation = DanRepresentation.Edges });
        Assert.True(model.EdgeMaps.Layout.EdgelessRowCount > 0);
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(5, 6);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void A_dan_stored_per_edge_is_written_per_edge_so_the_file_follows_the_edges_not_the_dense_maps()
    {
        torch.manual_seed(47);
        using var model = Dan(8, 2, StructureFamilies.WattsStrogatz(3000, 4, 0.5, 1), layerNorm: true, Activation.ReLU, DanRepresentation.Edges);
        var bytes = OnnxExport.ToBytes(model);

        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        long stored = graph.Initializer.Sum(t => t.Dims.Aggregate(1L, (a, d) => a * d)) + graph.SparseInitializer.Sum(t => 2 * t.Values.Dims[0]);
        var linear = model.ParameterCount + model.EdgeCount + model.Structure.VertexCount;
        Assert.True(stored <= 3 * linear, $"{stored} values stored for {linear} parameters, edges and vertices");
        Assert.True(model.DenseFusedEntries > 20 * linear, "the dense maps should be far larger than the edges");
        Assert.Contains(graph.Node, node => node.OpType == "ScatterElements");
        Assert.DoesNotContain(graph.Node, node => node.OpType == "Gemm" && node.Name.Contains("group", StringComparison.Ordinal));

        using var three = torch.randn(3, 8);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, three);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_dan_with_layers_of_one_vertex_and_a_skip_gives_torchsharps_output(bool layerNorm)
    {
        torch.manual_seed(53);

        // Layers {0, 1}, {2}, {3}: layers of one vertex have no norm; 0 → 3 skips a layer.
        using var model = Dan(3, 2, Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 2), new Edge(2, 3), new Edge(0, 3) }), layerNorm, Activation.Sigmoid);
        Assert.Single(model.SkipMaps);
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(6, 3);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void A_dan_of_one_layer_exports_its_input_and_output_maps()
    {
        torch.manual_seed(54);
        using var model = Dan(3, 2, Structure.Create(4, Array.Empty<Edge>()), layerNorm: true, Activation.ReLU);
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(2, 3);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void A_dan_exports_one_gemm_per_source_layer()
    {
        torch.manual_seed(42);
        using var model = Dan(5, 2, StructureFamilies.WattsStrogatz(20, 4, 0.5, 1), layerNorm: false, Activation.ReLU);
        var graph = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model)).Graph;

        // The input map, one group per layer but the last, and the output map.
        Assert.Equal(model.LayerCount + 1, graph.Node.Count(n => n.OpType == "Gemm"));
    }

    [Fact]
    public void A_dan_on_images_of_one_layer_flattens_its_input()
    {
        torch.manual_seed(43);
        using var model = Dan(new long[] { 2, 3 }, 2, StructureFamilies.WattsStrogatz(12, 4, 0.5, 2), layerNorm: true, Activation.Tanh);
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(4, 2, 3);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Theory]
    [InlineData(OnnxExportOptions.MinimumOpset)]
    [InlineData(OnnxExportOptions.MaximumOpset)]
    public void A_float64_ffn_exports_double_tensors_and_gives_torchsharps_output(int opset)
    {
        torch.manual_seed(44);
        using var model = OnnxExportTests.Pruned(new MaskedDeepFfn(6, 3, new[] { 5, 4 }, useLayerNorm: true, activation: Activation.Tanh), keep: 0.5);
        model.to(float64);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = opset });

        using var input = torch.randn(5, 6, dtype: float64);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.Equal((int)TensorProto.Types.DataType.Double, graph.Input[0].Type.TensorType.ElemType);
        Assert.All(graph.Initializer.Where(t => t.DataType != (int)TensorProto.Types.DataType.Int64), t => Assert.Equal((int)TensorProto.Types.DataType.Double, t.DataType));
    }

    public static TheoryData<Activation, int> Activations()
    {
        var data = new TheoryData<Activation, int>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, OnnxExportOptions.MinimumOpset);
            data.Add(activation, OnnxExportOptions.MaximumOpset);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Every_activation_of_a_float64_ffn_runs_in_onnx_runtime(Activation activation, int opset)
    {
        torch.manual_seed(52);
        using var model = new MaskedDeepFfn(5, 2, new[] { 4 }, activation: activation);
        model.to(float64);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = opset });

        using var input = torch.randn(3, 5, dtype: float64);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void A_float64_dan_gives_torchsharps_output()
    {
        torch.manual_seed(45);
        using var model = Dan(4, 2, StructureFamilies.WattsStrogatz(16, 4, 0.5, 4), layerNorm: true, Activation.ReLU);
        model.to(float64);
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(3, 4, dtype: float64);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void Gelu_is_one_node_from_opset_20_and_the_erf_formula_before()
    {
        torch.manual_seed(46);
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 }, activation: Activation.GELU);

        var at20 = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = 20 })).Graph;
        var at19 = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = 19 })).Graph;
        Assert.Contains(at20.Node, n => n.OpType == "Gelu");
        Assert.DoesNotContain(at20.Node, n => n.OpType == "Erf");
        Assert.Contains(at19.Node, n => n.OpType == "Erf");
        using var input = torch.randn(6, 4);
        OnnxRuntimeRunner.AssertMatches(model.call, OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = 20 }), input);
    }

    public static TheoryData<string, bool, bool, int> RecurrentVariants()
    {
        var data = new TheoryData<string, bool, bool, int>();
        foreach (var cell in new[] { "rnn-tanh", "rnn-relu", "rnn-sigmoid", "rnn-identity", "lstm", "gru" })
        {
            data.Add(cell, false, true, OnnxExportOptions.MinimumOpset);
            data.Add(cell, true, true, OnnxExportOptions.MaximumOpset);
        }

        data.Add("lstm", true, false, OnnxExportOptions.MinimumOpset);
        data.Add("gru", false, false, OnnxExportOptions.MaximumOpset);
        return data;
    }

    [Theory]
    [MemberData(nameof(RecurrentVariants))]
    public void An_exported_recurrent_layer_gives_its_unfolded_sequence(string cell, bool batchFirst, bool bias, int opset)
    {
        torch.manual_seed(47);
        using var layer = Recurrent(cell, 4, 5, batchFirst, bias);
        var masked = (IMaskedRecurrentLayer)layer;
        using (var ih = torch.rand(masked.InputToHidden.Weight.shape).lt(0.6))
        using (var hh = torch.rand(masked.HiddenToHidden.Weight.shape).lt(0.6))
        {
            masked.InputToHidden.Mask = ih;
            masked.HiddenToHidden.Mask = hh;
        }

        var bytes = OnnxExport.ToBytes(layer, new OnnxExportOptions { Opset = opset });

        using var short1 = batchFirst ? torch.randn(1, 2, 4) : torch.randn(2, 1, 4);
        using var long3 = batchFirst ? torch.randn(3, 6, 4) : torch.randn(6, 3, 4);
        OnnxRuntimeRunner.AssertMatches(x => masked.Unfold(x), bytes, short1);
        OnnxRuntimeRunner.AssertMatches(x => masked.Unfold(x), bytes, long3);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn, false)]
    [InlineData(RecurrentCell.Lstm, true)]
    [InlineData(RecurrentCell.Gru, false)]
    public void An_exported_deep_rnn_gives_the_last_hidden_state(RecurrentCell cell, bool batchFirst)
    {
        torch.manual_seed(48);
        using var model = new MaskedDeepRnn(3, new[] { 5, 4 }, cell, batchFirst);
        foreach (var weight in model.MaskableLayers())
        {
            using var mask = torch.rand(weight.Weight.shape).lt(0.7);
            weight.Mask = mask;
        }

        var bytes = OnnxExport.ToBytes(model);

        using var input = batchFirst ? torch.randn(2, 7, 3) : torch.randn(7, 2, 3);
        using var other = batchFirst ? torch.randn(5, 3, 3) : torch.randn(3, 5, 3);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, other);
    }

    [Theory]
    [InlineData(RecurrentCell.Rnn)]
    [InlineData(RecurrentCell.Lstm)]
    [InlineData(RecurrentCell.Gru)]
    public void A_float64_recurrent_model_is_refused_as_onnx_runtime_has_no_double_recurrent_kernels(RecurrentCell cell)
    {
        using var model = new MaskedDeepRnn(3, new[] { 4 }, cell);
        model.to(float64);

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("at 'layers.0' has Float64 weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deep_rnn_followed_by_a_masked_linear_exports_in_order()
    {
        torch.manual_seed(49);
        using var model = nn.Sequential(
            ("rnn", (nn.Module<Tensor, Tensor>)new MaskedDeepRnn(3, new[] { 4 }, RecurrentCell.Lstm)),
            ("head", new MaskedLinear(4, 2)));
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(5, 2, 3);
        OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
    }

    [Fact]
    public void A_deep_rnn_after_another_module_is_refused()
    {
        using var model = nn.Sequential(
            ("first", (nn.Module<Tensor, Tensor>)new MaskedLinear(3, 3)),
            ("rnn", new MaskedDeepRnn(3, new[] { 4 })));

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("MaskedDeepRnn at 'rnn' reads a sequence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_elman_layer_with_gelu_is_refused_naming_the_nonlinearity()
    {
        using var layer = new MaskedRecurrentLayer(3, 4, nonlinearity: Activation.GELU);

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(layer));
        Assert.Contains("MaskedRecurrentLayer at (the model itself) with nonlinearity GELU", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One place that builds the DANs of these tests.</summary>
    private static MaskedDeepDan Dan(int inputSize, int outputSize, Structure structure, bool layerNorm, Activation activation, DanRepresentation representation = DanRepresentation.Dense) =>
        new(inputSize, outputSize, structure, new DanOptions { LayerNorm = layerNorm, Activation = activation, Representation = representation });

    private static MaskedDeepDan Dan(long[] inputShape, int outputSize, Structure structure, bool layerNorm, Activation activation, DanRepresentation representation = DanRepresentation.Dense) =>
        new(inputShape, outputSize, structure, new DanOptions { LayerNorm = layerNorm, Activation = activation, Representation = representation });

    private static void Prune(MaskableModule model, double keep)
    {
        foreach (var weight in model.MaskableLayers())
        {
            using var drawn = torch.rand(weight.Weight.shape).lt(keep);
            using var mask = drawn.logical_and(weight.Mask);
            weight.Mask = mask;
        }
    }

    private static nn.Module Recurrent(string cell, int inputSize, int hiddenSize, bool batchFirst, bool bias) => cell switch
    {
        "lstm" => new MaskedLstmLayer(inputSize, hiddenSize, batchFirst, bias),
        "gru" => new MaskedGruLayer(inputSize, hiddenSize, batchFirst, bias),
        "rnn-relu" => new MaskedRecurrentLayer(inputSize, hiddenSize, batchFirst, Activation.ReLU, bias),
        "rnn-sigmoid" => new MaskedRecurrentLayer(inputSize, hiddenSize, batchFirst, Activation.Sigmoid, bias),
        "rnn-identity" => new MaskedRecurrentLayer(inputSize, hiddenSize, batchFirst, Activation.Identity, bias),
        _ => new MaskedRecurrentLayer(inputSize, hiddenSize, batchFirst, Activation.Tanh, bias),
    };
}
