using System.Runtime.InteropServices;
using Deepstruct.Export;
using Deepstruct.Runtime.Tests.Cells;
using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Export;

/// <summary>A DeepCellDan whose cells are built of standard layers exports, and ONNX Runtime gives its eval-mode output; other cells are refused by path.</summary>
public class OnnxExportCellDanTests
{
    [Theory]
    [InlineData(OnnxExportOptions.MinimumOpset)]
    [InlineData(OnnxExportOptions.MaximumOpset)]
    public void An_exported_cell_dan_whose_cells_meet_at_different_extents_gives_torchsharps_output(int opset)
    {
        torch.manual_seed(61);
        // Vertex 0 halves the extent, the others keep it: vertices 2 and 3 read parts of two extents.
        using var model = new DeepCellDan(new long[] { 3, 9, 9 }, 4, DeepCellDanTests.Diamond(), spec => nn.Sequential(
            ("conv", nn.Conv2d(spec.InChannels, 3, 3, stride: spec.Vertex == 0 ? 2 : 1, padding: 1)),
            ("norm", nn.BatchNorm2d(3)),
            ("act", nn.ReLU()),
            ("drop", nn.Dropout(0.5)),
            ("out", nn.Conv2d(3, 1, 1))), headChannels: 6);
        Randomize(model);
        var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = opset });

        AssertMatchesAtTwoBatchSizes(model, bytes, 3, 9, 9);
    }

    [Fact]
    public void An_exported_cell_dan_on_a_small_world_with_pooling_and_every_activation_gives_torchsharps_output()
    {
        torch.manual_seed(62);
        var activations = new Func<nn.Module<Tensor, Tensor>>[]
        {
            () => nn.Sigmoid(), () => nn.Tanh(), () => nn.LeakyReLU(0.2), () => nn.ELU(0.7), () => nn.GELU(),
            () => nn.GELU(GELU.Approximate.tanh), () => nn.SiLU(), () => nn.Identity(),
        };
        using var model = new DeepCellDan(new long[] { 2, 8, 8 }, 3, StructureFamilies.WattsStrogatz(12, 4, 0.5, 5), spec => nn.Sequential(
            ("conv", nn.Conv2d(spec.InChannels, 2, 3, padding: 1, bias: spec.Vertex % 2 == 0)),
            ("act", activations[spec.Vertex % activations.Length]()),
            ("pool", spec.Vertex % 3 == 0 ? nn.MaxPool2d(2) : spec.Vertex % 3 == 1 ? nn.AvgPool2d(3, stride: 1, padding: 1) : nn.Identity()),
            ("out", nn.Conv2d(2, 1, 1))), headChannels: 5);
        Randomize(model);

        foreach (var opset in new[] { OnnxExportOptions.MinimumOpset, OnnxExportOptions.MaximumOpset })
        {
            var bytes = OnnxExport.ToBytes(model, new OnnxExportOptions { Opset = opset });
            AssertMatchesAtTwoBatchSizes(model, bytes, 2, 8, 8);
        }
    }

    [Fact]
    public void Same_valid_reflect_replicate_dilated_and_grouped_convolutions_export_as_torchsharp_pads_them()
    {
        torch.manual_seed(63);
        using var model = new DeepCellDan(new long[] { 2, 10, 10 }, 2, DeepCellDanTests.Diamond(), spec => spec.Vertex switch
        {
            // An even kernel under "same" pads one more at the end than at the start.
            0 => nn.Sequential(("conv", nn.Conv2d(2, 2, (4L, 4L), padding: Padding.Same, dilation: (2L, 1L))), ("out", nn.Conv2d(2, 1, 1))),
            1 => nn.Sequential(("conv", nn.Conv2d(2, 4, 3, padding: 2, padding_mode: PaddingModes.Reflect)), ("grouped", nn.Conv2d(4, 2, 3, groups: 2)), ("out", nn.Conv2d(2, 1, 1))),
            2 => nn.Sequential(("conv", nn.Conv2d(2, 1, (3L, 2L), padding: Padding.Valid))),
            3 => nn.Sequential(("conv", nn.Conv2d(2, 1, 3, padding: 1, padding_mode: PaddingModes.Replicate)), ("norm", nn.BatchNorm2d(1, affine: false))),
            _ => nn.Conv2d(1, 1, 5, stride: 3, padding: 2),
        }, headChannels: 3);
        Randomize(model);
        var bytes = OnnxExport.ToBytes(model);

        AssertMatchesAtTwoBatchSizes(model, bytes, 2, 10, 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_cell_dan_on_sequences_or_volumes_exports_with_its_convolutions_norms_and_pools_of_that_rank(int spatialRank)
    {
        torch.manual_seed(64);
        var extents = Enumerable.Repeat(6L, spatialRank).ToArray();
        using var model = new DeepCellDan(new long[] { 2 }.Concat(extents).ToArray(), 3, DeepCellDanTests.Diamond(), spec => spatialRank == 1
            ? nn.Sequential(("conv", nn.Conv1d(spec.InChannels, 2, 3, padding: 1)), ("norm", nn.BatchNorm1d(2)), ("act", nn.ReLU()), ("pool", spec.IsInput ? nn.MaxPool1d(2) : nn.AvgPool1d(3, stride: 1, padding: 1)), ("out", nn.Conv1d(2, 1, 1)))
            : nn.Sequential(("conv", nn.Conv3d(spec.InChannels, 2, 3, padding: 1)), ("norm", nn.BatchNorm3d(2)), ("act", nn.ELU()), ("pool", spec.IsInput ? nn.MaxPool3d(2) : nn.AvgPool3d(3, stride: 1, padding: 1)), ("out", nn.Conv3d(2, 1, 1))), headChannels: 4);
        Randomize(model);
        var bytes = OnnxExport.ToBytes(model);

        AssertMatchesAtTwoBatchSizes(model, bytes, new long[] { 2 }.Concat(extents).ToArray());
    }

    [Fact]
    public void A_cell_dan_followed_by_a_masked_layer_exports_as_one_graph()
    {
        torch.manual_seed(65);
        using var model = nn.Sequential(
            ("cells", (nn.Module<Tensor, Tensor>)new DeepCellDan(new long[] { 1, 6, 6 }, 4, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, 1, 3, padding: 1), headChannels: 3)),
            ("classifier", new MaskedLinear(4, 2)));
        Randomize(model);
        var bytes = OnnxExport.ToBytes(model);

        AssertMatchesAtTwoBatchSizes(model, bytes, 1, 6, 6);
    }

    [Fact]
    public void A_cell_dan_of_one_vertex_exports_its_cell_and_head()
    {
        torch.manual_seed(66);
        using var model = new DeepCellDan(new long[] { 2, 5, 5 }, 3, Structure.Create(1, Array.Empty<Edge>()), spec => nn.Sequential(nn.Conv2d(spec.InChannels, 1, 3), nn.Tanh()), headChannels: 2);
        Randomize(model);
        var bytes = OnnxExport.ToBytes(model);

        AssertMatchesAtTwoBatchSizes(model, bytes, 2, 5, 5);
    }

    [Fact]
    public void A_cell_with_its_own_forward_code_is_refused_naming_the_cells_path()
    {
        using var model = nn.Sequential(("net", (nn.Module<Tensor, Tensor>)new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => new ConvolutionCell(spec.InChannels, 1), headChannels: 4)));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("ConvolutionCell at 'net.cells.0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nn.Sequential, Conv1d/2d/3d", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RefusedLayers() => new()
    {
        { "ceil", "MaxPool2d at 'cells.0.1' with ceil_mode = true" },
        { "statistics", "BatchNorm2d at 'cells.0.1' without running statistics" },
        { "circular", "Conv2d at 'cells.0.1' with padding_mode Circular" },
        { "transposed", "ConvTranspose2d at 'cells.0.1'" },
        { "divisor", "AvgPool2d at 'cells.0.1'" },
    };

    [Theory]
    [MemberData(nameof(RefusedLayers))]
    public void A_layer_the_export_cannot_write_is_refused_naming_the_layer_and_its_path(string kind, string expected)
    {
        using var model = new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => nn.Sequential(nn.Conv2d(spec.InChannels, 1, 1), kind switch
        {
            "ceil" => nn.MaxPool2d(2, ceil_mode: true),
            "statistics" => nn.BatchNorm2d(1, track_running_stats: false),
            "circular" => nn.Conv2d(1, 1, 3, padding: 1, padding_mode: PaddingModes.Circular),
            "transposed" => nn.ConvTranspose2d(1, 1, 1),
            _ => nn.AvgPool2d(2, divisor_override: 3),
        }));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_giving_two_channels_is_refused_naming_its_vertex()
    {
        using var model = new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, spec.Vertex == 2 ? 2 : 1, 1));

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
        Assert.Equal("module", error.ParamName);
        Assert.Contains("The cell of vertex 2 at 'cells.2' gives 2 channels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_float64_cell_dan_is_refused_before_anything_is_written()
    {
        using var model = new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, 1, 1));
        model.to(float64);
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-cells-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.Save(model, path));
        Assert.Contains("ONNX Runtime has no float64 convolution", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_kernel_larger_than_its_input_is_refused_naming_the_layer()
    {
        using var model = new DeepCellDan(new long[] { 1, 4, 4 }, 2, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, 1, spec.Vertex == 3 ? 5 : 1));

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("Conv2d at 'cells.3' needs an extent of at least 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_dan_after_another_module_is_refused()
    {
        using var model = nn.Sequential(
            ("first", (nn.Module<Tensor, Tensor>)new MaskedLinear(36, 36)),
            ("cells", new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, 1, 1))));

        var error = Assert.Throws<ArgumentException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("DeepCellDan at 'cells' reads [batch, channels, ..spatial]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_cell_networks_export_exactly_or_are_refused_exactly_when_torchsharp_cannot_run_them()
    {
        // Seeded configurations of kernels, strides, paddings, dilations and pools on random DAGs: where TorchSharp
        // computes the network, ONNX Runtime must give its output (so the export's static extents and paddings are
        // TorchSharp's); where TorchSharp cannot (a kernel larger than its input), the export must refuse it too.
        var random = new Random(67);
        var (exported, refused) = (0, 0);
        for (var trial = 0; trial < 30; trial++)
        {
            torch.manual_seed(trial);
            var channels = random.Next(1, 4);
            var extent = random.Next(5, 13);
            var structure = StructureFamilies.RandomDag(random.Next(2, 7), 0.5, seed: trial);
            var seed = random.Next();
            using var model = new DeepCellDan(new long[] { channels, extent, extent + random.Next(0, 3) }, 3, structure, spec => RandomCell(new Random(seed + spec.Vertex), spec), headChannels: 4);
            Randomize(model);
            using var input = torch.randn(2, channels, extent, model.InputShape[2]);
            Tensor? expected = null;
            try
            {
                using var noGrad = torch.no_grad();
                expected = model.call(input);
            }
            catch (Exception exception) when (exception is ExternalException or ArgumentException or InvalidOperationException)
            {
                Assert.ThrowsAny<ArgumentException>(() => OnnxExport.ToBytes(model));
                refused++;
                continue;
            }

            expected.Dispose();
            AssertMatchesAtTwoBatchSizes(model, OnnxExport.ToBytes(model), model.InputShape.ToArray());
            exported++;
        }

        // Both outcomes occur, so the test checks both directions.
        Assert.True(exported >= 10 && refused >= 1, $"{exported} exported, {refused} refused");
    }

    private static nn.Module<Tensor, Tensor> RandomCell(Random random, CellSpec spec)
    {
        var width = random.Next(1, 4);
        var kernel = random.Next(1, 5);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv", nn.Conv2d(spec.InChannels, width, kernel, stride: spec.IsInput ? random.Next(1, 3) : 1, padding: random.Next(0, 3), dilation: random.Next(1, 3))),
        };
        if (random.Next(2) == 0)
        {
            layers.Add(("norm", nn.BatchNorm2d(width)));
        }

        layers.Add(("act", random.Next(4) switch
        {
            0 => nn.ReLU(),
            1 => nn.Tanh(),
            2 => nn.LeakyReLU(0.1),
            _ => nn.SiLU(),
        }));
        switch (random.Next(3))
        {
            case 0:
                layers.Add(("pool", nn.MaxPool2d(2, stride: random.Next(1, 3))));
                break;
            case 1:
                layers.Add(("pool", nn.AvgPool2d(3, stride: random.Next(1, 3), padding: 1, count_include_pad: random.Next(2) == 0)));
                break;
        }

        layers.Add(("out", nn.Conv2d(width, 1, 1)));
        return nn.Sequential(layers);
    }

    [Fact]
    public void A_cell_dan_whose_forward_pass_is_overridden_is_refused_by_name()
    {
        using var model = new DoublingCellDan();

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(model));
        Assert.Contains("DoublingCellDan at (the model itself): it overrides its base class's forward pass", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Weights, biases and batch-norm statistics away from their initial values, so a wrong or missing one shows.</summary>
    private static void Randomize(nn.Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (var parameter in model.parameters())
        {
            parameter.add_(torch.randn_like(parameter).mul_(0.2));
        }

        foreach (var (name, buffer) in model.named_buffers())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal))
            {
                buffer.copy_(torch.randn_like(buffer).mul_(0.5));
            }
            else if (name.EndsWith("running_var", StringComparison.Ordinal))
            {
                buffer.copy_(torch.rand_like(buffer).add_(0.5));
            }
        }

        model.eval();
    }

    private static void AssertMatchesAtTwoBatchSizes(nn.Module<Tensor, Tensor> model, byte[] bytes, params long[] example)
    {
        foreach (var batch in new long[] { 1, 5 })
        {
            using var input = torch.randn(new[] { batch }.Concat(example).ToArray());
            OnnxRuntimeRunner.AssertMatches(model.call, bytes, input);
        }
    }

    private sealed class DoublingCellDan : DeepCellDan
    {
        public DoublingCellDan()
            : base(new long[] { 1, 4, 4 }, 2, DeepCellDanTests.Diamond(), spec => nn.Conv2d(spec.InChannels, 1, 1))
        {
        }

        public override Tensor forward(Tensor input) => base.forward(input).mul(2);
    }
}
