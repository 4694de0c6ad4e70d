using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Cells;

public class DeepCellDanTests
{
    // 0 and 1 are inputs; 2 <- {0, 1}; 3 <- {0, 2}; 4 <- {1}; 3 and 4 are outputs. Layers: {0, 1}, {2, 4}, {3}.
    internal static Structure Diamond() =>
        Structure.Create(5, new[] { new Edge(0, 2), new Edge(1, 2), new Edge(0, 3), new Edge(2, 3), new Edge(1, 4) });

    [Fact]
    public void The_factory_gets_deepstructs_cell_arguments_for_every_vertex_in_order()
    {
        var specs = new List<CellSpec>();
        using var model = new DeepCellDan(new long[] { 3, 8, 8 }, 2, Diamond(), spec =>
        {
            specs.Add(spec);
            return new ConvolutionCell(spec.InChannels, 1);
        });

        Assert.Equal(
            new[]
            {
                new CellSpec(0, IsInput: true, IsOutput: false, InDegree: 0, OutDegree: 2, Layer: 0, InputChannelSize: 3),
                new CellSpec(1, true, false, 0, 2, 0, 3),
                new CellSpec(2, false, false, 2, 1, 1, 3),
                new CellSpec(3, false, true, 2, 0, 2, 3),
                new CellSpec(4, false, true, 1, 0, 1, 3),
            },
            specs);
        Assert.Equal(new[] { 3, 3, 2, 2, 1 }, specs.Select(s => s.InChannels));
        Assert.Equal(new[] { 0, 1 }, model.InputVertices);
        Assert.Equal(new[] { 3, 4 }, model.OutputVertices);
        Assert.Equal(5, model.Cells.Count);
    }

    [Fact]
    public void Images_of_any_extent_give_batch_by_output_and_cells_of_different_strides_meet_by_padding()
    {
        var structure = StructureFamilies.WattsStrogatz(30, 4, 0.5, 1);
        torch.manual_seed(3);
        // Input cells halve the extent, the others keep it: a vertex may read inputs of two extents.
        using var model = new DeepCellDan(new long[] { 3, 20, 20 }, 10, structure, spec => new ConvolutionCell(spec.InChannels, spec.IsInput ? 2 : 1));
        foreach (var (height, width) in new[] { (20, 20), (17, 25) })
        {
            using var input = torch.randn(4, 3, height, width);
            using var output = model.call(input);
            Assert.Equal(new long[] { 4, 10 }, output.shape);
            using var finite = output.isfinite().all();
            Assert.True(finite.item<bool>());
        }
    }

    [Fact]
    public void Forward_stacks_predecessors_in_vertex_order_zero_pads_them_and_applies_deepstructs_head()
    {
        var cells = new SummingCell[5];
        var crops = new (long Height, long Width)[] { (4, 4), (3, 5), (99, 99), (99, 99), (2, 2) };
        torch.manual_seed(5);
        using var model = new DeepCellDan(new long[] { 2, 6, 6 }, 3, Diamond(), spec => cells[spec.Vertex] = new SummingCell(crops[spec.Vertex].Height, crops[spec.Vertex].Width), headChannels: 4);
        model.eval();
        using var input = torch.randn(2, 2, 6, 6);

        using var output = model.call(input);

        using var out0 = input[.., .., ..4, ..4].sum(1, keepdim: true);
        using var out1 = input[.., .., ..3, ..5].sum(1, keepdim: true);
        using var padded0 = nn.functional.pad(out0, new long[] { 0, 1, 0, 0 });
        using var padded1 = nn.functional.pad(out1, new long[] { 0, 0, 0, 1 });
        using var input2 = torch.cat(new[] { padded0, padded1 }, 1);
        using var out2 = input2.sum(1, keepdim: true);
        using var input3 = torch.cat(new[] { padded0, out2 }, 1);
        using var out3 = input3.sum(1, keepdim: true);
        using var out4 = out1[.., .., ..2, ..2];
        using var padded4 = nn.functional.pad(out4, new long[] { 0, 3, 0, 2 });
        using var heads = torch.cat(new[] { out3, padded4 }, 1);

        TensorAssert.Identical(input, cells[0].LastInput!);
        TensorAssert.Identical(input, cells[1].LastInput!);
        TensorAssert.Identical(input2, cells[2].LastInput!);
        TensorAssert.Identical(input3, cells[3].LastInput!);
        TensorAssert.Identical(out1, cells[4].LastInput!);

        var state = model.state_dict();
        using var convolved = nn.functional.conv2d(heads, state["head_conv.weight"], state["head_conv.bias"]);
        // A fresh batch norm in eval mode: running mean 0, variance 1, scale 1, shift 0.
        using var normalized = convolved / Math.Sqrt(1 + 1e-5);
        using var pooled = normalized.mean(new long[] { 2, 3 });
        using var expected = nn.functional.linear(pooled, state["head_fc.weight"], state["head_fc.bias"]);
        Assert.True(expected.allclose(output, rtol: 1e-5, atol: 1e-6), $"expected {expected.str()} but got {output.str()}");
        foreach (var cell in cells)
        {
            cell.LastInput!.Dispose();
        }
    }

    [Fact]
    public void Cells_are_registered_parameters_that_move_and_save_with_the_model()
    {
        var structure = Diamond();
        torch.manual_seed(7);
        using var model = new DeepCellDan(new long[] { 1, 6, 6 }, 2, structure, spec => new ConvolutionCell(spec.InChannels, 1), headChannels: 5);
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("cells.3.conv.weight", names);
        Assert.Contains("cells.0.norm.weight", names);
        Assert.Contains("head_conv.weight", names);
        Assert.Contains("head_fc.bias", names);
        var cellParameters = model.Cells.Sum(c => c.parameters().Count());
        Assert.Equal(cellParameters + 6, model.parameters().Count());
        Assert.Contains("cells.4.norm.running_mean", model.state_dict().Keys);

        using var input = torch.randn(3, 1, 6, 6);
        using (var _ = model.call(input))
        {
            // One training-mode pass so that the batch norms' running statistics are not the defaults.
        }

        model.eval();
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-cells-{Guid.NewGuid():N}.bin");
        try
        {
            model.save(path);
            torch.manual_seed(8);
            using var loaded = new DeepCellDan(new long[] { 1, 6, 6 }, 2, structure, spec => new ConvolutionCell(spec.InChannels, 1), headChannels: 5);
            loaded.load(path);
            loaded.eval();
            using var expected = model.call(input);
            using var actual = loaded.call(input);
            TensorAssert.Identical(expected, actual);
        }
        finally
        {
            File.Delete(path);
        }

        model.to(ScalarType.Float64);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var wide = torch.randn(3, 1, 6, 6, dtype: ScalarType.Float64);
        using var output = model.call(wide);
        Assert.Equal(ScalarType.Float64, output.dtype);
    }

    [Fact]
    public void Learns_which_half_of_an_image_is_brighter()
    {
        torch.manual_seed(13);
        using var images = torch.randn(64, 1, 8, 8);
        using var topBrighter = images[.., .., ..4, ..].mean(new long[] { 1, 2, 3 }).gt(images[.., .., 4.., ..].mean(new long[] { 1, 2, 3 }));
        using var labels = topBrighter.to(ScalarType.Int64);
        using var model = new DeepCellDan(new long[] { 1, 8, 8 }, 2, StructureFamilies.BalancedTree(2, 2), spec => new ConvolutionCell(spec.InChannels, 1), headChannels: 8);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 0.01);
        double first = 0, last = 0;
        for (var step = 0; step < 150; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.call(images), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(last < first / 4, $"loss went from {first} to {last}");
    }

    private sealed class FixedCellDan : DeepCellDan
    {
        public FixedCellDan(Structure structure)
            : base(new long[] { 2, 5 }, 3, structure, headChannels: 4)
        {
        }

        protected override nn.Module<Tensor, Tensor> BuildCell(CellSpec cell) => nn.Sequential(nn.Conv1d(cell.InChannels, 1, 3, padding: 1));
    }

    [Fact]
    public void A_derived_class_builds_cells_by_overriding_BuildCell_on_one_dimensional_inputs()
    {
        using var model = new FixedCellDan(Diamond());
        using var input = torch.randn(4, 2, 5);
        using var output = model.call(input);
        Assert.Equal(new long[] { 4, 3 }, output.shape);
        Assert.Equal(5, model.Cells.Count);
    }

    [Fact]
    public void Bad_arguments_raise_ArgumentException_naming_the_parameter_and_value()
    {
        var structure = Diamond();
        static nn.Module<Tensor, Tensor> Cell(CellSpec spec) => new ConvolutionCell(spec.InChannels, 1);

        var rank = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 8 }, 2, structure, Cell));
        Assert.Equal("inputShape", rank.ParamName);
        Assert.Contains("[8]", rank.Message);
        var zero = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 0, 4 }, 2, structure, Cell));
        Assert.Equal("inputShape", zero.ParamName);
        var output = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 4, 4 }, 0, structure, Cell));
        Assert.Equal("outputSize", output.ParamName);
        Assert.Contains("0", output.Message);
        var head = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 4, 4 }, 2, structure, Cell, headChannels: -1));
        Assert.Equal("headChannels", head.ParamName);
        var empty = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 4, 4 }, 2, Structure.Create(0, Array.Empty<Edge>()), Cell));
        Assert.Equal("structure", empty.ParamName);
        var nullCell = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 4, 4 }, 2, structure, _ => null!));
        Assert.Equal("cell", nullCell.ParamName);
        Assert.Contains("vertex 0", nullCell.Message);
        var shared = new ConvolutionCell(1, 1);
        var repeated = Assert.ThrowsAny<ArgumentException>(() => new DeepCellDan(new long[] { 1, 4, 4 }, 2, structure, _ => shared));
        Assert.Equal("cell", repeated.ParamName);
        Assert.Contains("vertex 1", repeated.Message);

        using var model = new DeepCellDan(new long[] { 1, 4, 4 }, 2, structure, Cell);
        using var wrongChannels = torch.randn(2, 3, 4, 4);
        var input = Assert.Throws<ArgumentException>(() => model.call(wrongChannels));
        Assert.Equal("input", input.ParamName);
        Assert.Contains("[2, 3, 4, 4]", input.Message);
        using var flat = torch.randn(2, 16);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => model.call(flat)).ParamName);
    }

    [Fact]
    public void A_cell_returning_more_than_one_channel_is_named_in_the_error()
    {
        using var model = new DeepCellDan(new long[] { 2, 4, 4 }, 2, Diamond(), spec => new PassThroughCell());
        using var input = torch.randn(2, 2, 4, 4);
        var error = Assert.Throws<InvalidOperationException>(() => model.call(input));
        Assert.Contains("vertex 0", error.Message);
        Assert.Contains("[2, 2, 4, 4]", error.Message);
    }
}
