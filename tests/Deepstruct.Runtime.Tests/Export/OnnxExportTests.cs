using Deepstruct.Export;
using Deepstruct.Structures;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>Exported models run in ONNX Runtime and give TorchSharp's outputs.</summary>
public class OnnxExportTests
{
    public static TheoryData<Activation, bool, bool> FfnVariants()
    {
        var data = new TheoryData<Activation, bool, bool>();
        foreach (var activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, false, true);
            data.Add(activation, true, true);
        }

        data.Add(Activation.ReLU, false, false);
        data.Add(Activation.GELU, true, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(FfnVariants))]
    public void An_exported_ffn_gives_torchsharps_output_for_batches_of_one_and_seven(Activation activation, bool layerNorm, bool bias)
    {
        torch.manual_seed(11);
        using var model = new MaskedDeepFfn(6, 3, new[] { 5, 4 }, layerNorm, activation, bias);
        var bytes = OnnxExport.ToBytes(model);

        using var one = torch.randn(1, 6);
        using var seven = torch.randn(7, 6);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, one);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, seven);
    }

    [Fact]
    public void An_ffn_on_images_flattens_its_input()
    {
        torch.manual_seed(12);
        using var model = new MaskedDeepFfn(new long[] { 1, 28, 28 }, 10, new[] { 30, 20 });
        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.rand(3, 1, 28, 28);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, input);
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.Equal("Flatten", graph.Node[0].OpType);
        Assert.Equal(new[] { "batch", "1", "28", "28" }, Dims(graph.Input[0]));
        Assert.Equal(new[] { "batch", "10" }, Dims(graph.Output[0]));
    }

    [Fact]
    public void Masked_weights_are_folded_into_the_exported_weights()
    {
        torch.manual_seed(13);
        using var model = new MaskedDeepFfn(8, 4, new[] { 6 });
        foreach (var layer in model.Layers)
        {
            using var mask = torch.rand(layer.OutFeatures, layer.InFeatures).gt(0.6);
            layer.Mask = mask;
        }

        // Masked entries keep their values: only the fold makes the export agree with the forward pass.
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Never });

        using var input = torch.randn(5, 8);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, input);
    }

    [Fact]
    public void A_masked_linear_exports_as_one_gemm()
    {
        torch.manual_seed(14);
        using var layer = new MaskedLinear(4, 3);
        using var mask = torch.rand(3, 4).gt(0.5);
        layer.Mask = mask;

        var bytes = OnnxExport.ToBytes(layer);

        using var input = torch.randn(2, 4);
        OnnxRuntimeRunner.AssertMatchesTorch(layer, bytes, input);
        var node = Assert.Single(ModelProto.Parser.ParseFrom(bytes).Graph.Node);
        Assert.Equal("Gemm", node.OpType);
        Assert.Equal("output", Assert.Single(node.Output));
    }

    [Fact]
    public void A_sequential_of_masked_modules_exports_in_order()
    {
        torch.manual_seed(15);
        using var model = nn.Sequential(
            ("first", (nn.Module<Tensor, Tensor>)new MaskedLinear(5, 4)),
            ("ffn", new MaskedDeepFfn(4, 2, new[] { 3 }, activation: Activation.Tanh)));

        var bytes = OnnxExport.ToBytes(model);

        using var input = torch.randn(6, 5);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, input);
    }

    [Fact]
    public void Sparse_and_dense_weights_give_the_same_outputs_and_sparse_is_smaller_when_pruned()
    {
        torch.manual_seed(16);
        using var model = Pruned(new MaskedDeepFfn(784, 10, new[] { 300, 100 }), keep: 0.1);

        var dense = OnnxExport.ToBytes(model, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Never });
        var sparse = OnnxExport.ToBytes(model, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Always });
        var auto = OnnxExport.ToBytes(model);

        using var input = torch.rand(4, 784);
        OnnxRuntimeRunner.AssertMatchesTorch(model, dense, input);
        OnnxRuntimeRunner.AssertMatchesTorch(model, sparse, input);
        Assert.Equal(sparse.Length, auto.Length);

        // The target: a 90 %-pruned 784-300-100-10 network in at most 30 % of its dense file.
        Assert.True(sparse.Length <= 0.3 * dense.Length, $"sparse {sparse.Length} bytes, dense {dense.Length} bytes");
        Assert.Equal(3, ModelProto.Parser.ParseFrom(sparse).Graph.SparseInitializer.Count);
    }

    [Fact]
    public void Auto_keeps_unpruned_weights_dense()
    {
        torch.manual_seed(17);
        using var model = new MaskedDeepFfn(20, 5, new[] { 10 });

        var auto = OnnxExport.ToBytes(model);
        var dense = OnnxExport.ToBytes(model, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Never });

        Assert.Equal(dense, auto);
        Assert.Empty(ModelProto.Parser.ParseFrom(auto).Graph.SparseInitializer);
    }

    [Fact]
    public void A_fully_pruned_layer_exports_and_runs()
    {
        torch.manual_seed(18);
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        using var none = torch.zeros(3, 4, dtype: ScalarType.Bool);
        model.Layers[0].Mask = none;

        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { SparseWeights = OnnxSparseWeights.Always });

        using var input = torch.randn(2, 4);
        OnnxRuntimeRunner.AssertMatchesTorch(model, bytes, input);
    }

    [Fact]
    public void Save_writes_the_file_with_the_chosen_opset_and_names()
    {
        torch.manual_seed(19);
        using var model = new MaskedDeepFfn(3, 2, new[] { 4 }, useLayerNorm: true);
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(model, path, new OnnxExportOptions { Opset = 21, InputName = "x", OutputName = "logits" });

            var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            Assert.Equal(21, Assert.Single(proto.OpsetImport).Version);
            Assert.Equal("x", Assert.Single(proto.Graph.Input).Name);
            Assert.Equal("logits", Assert.Single(proto.Graph.Output).Name);
            using var session = new InferenceSession(path);
            Assert.Equal("x", Assert.Single(session.InputMetadata.Keys));
            Assert.Equal(-1, session.InputMetadata["x"].Dimensions[0]);
            Assert.Equal("logits", Assert.Single(session.OutputMetadata.Keys));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_default_opset_is_17_with_input_and_output()
    {
        using var layer = new MaskedLinear(2, 2);

        var proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(layer));

        Assert.Equal(17, Assert.Single(proto.OpsetImport).Version);
        Assert.Equal("input", proto.Graph.Input[0].Name);
        Assert.Equal("output", proto.Graph.Output[0].Name);
    }

    internal static MaskedDeepFfn Pruned(MaskedDeepFfn model, double keep)
    {
        foreach (var layer in model.Layers)
        {
            using var mask = torch.rand(layer.OutFeatures, layer.InFeatures).lt(keep);
            layer.Mask = mask;
        }

        return model;
    }

    private static string[] Dims(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.DimParam.Length > 0 ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
