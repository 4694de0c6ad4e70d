using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Export;

/// <summary>The export of a <see cref="DeepCellDan"/>: its cells (when built of standard layers), the stacking between them, and the head.</summary>
internal sealed partial class OnnxModelBuilder
{
    private const string CellModules =
        "nn.Sequential, Conv1d/2d/3d (zero, reflect or replicate padding), BatchNorm1d/2d/3d with running statistics, MaxPool1d/2d/3d and AvgPool1d/2d/3d "
        + "(without ceil_mode), ReLU, Sigmoid, Tanh, LeakyReLU, ELU, GELU, SiLU, Identity and dropout";

    /// <summary>
    /// A DeepCellDan as its forward pass computes it in eval mode: cells in layer order, each reading the input
    /// (input cells) or its predecessors' outputs zero-padded to a common extent and concatenated along the
    /// channels; the head stacks the output cells, then 1×1 convolution, batch norm, global average pool, linear.
    /// The spatial extents are static (the model's <see cref="DeepCellDan.InputShape"/>): the padding between
    /// cells depends on them.
    /// </summary>
    private void AddCellDan(DeepCellDan dan, string path)
    {
        if (_inputDims is not null)
        {
            throw Refusal(
                $"DeepCellDan at {Describe(path)} reads [batch, channels, ..spatial], but the module before it gives [batch, {_width}]: a DeepCellDan must come first.", dan);
        }

        if (_dtype == ScalarType.Float64)
        {
            // ONNX allows double Conv, but ONNX Runtime has no such kernel: a file it cannot run is no deployment.
            throw Refusal(
                $"DeepCellDan at {Describe(path)} is float64, but ONNX Runtime has no float64 convolution: convert the model with model.to(float32) before exporting it.", dan);
        }

        var shape = dan.InputShape.ToArray();
        _inputDims = new object[] { BatchDimension }.Concat(shape.Cast<object>()).ToArray();
        var input = new FeatureMap(_current, shape[0], shape[1..]);
        var outputs = new FeatureMap[dan.Cells.Count];
        var layers = dan.Structure.Layers;
        for (var layer = 0; layer < layers.LayerCount; layer++)
        {
            foreach (var vertex in layers.VerticesOf(layer))
            {
                var cellPath = Join(path, string.Create(CultureInfo.InvariantCulture, $"cells.{vertex}"));
                var predecessors = dan.Structure.Predecessors(vertex);
                var cellInput = predecessors.Length == 0
                    ? input
                    : Stack(Array.ConvertAll(predecessors.ToArray(), p => outputs[p]), Join(cellPath, "input"));
                var output = AddCellModule(dan.Cells[vertex], cellInput, cellPath);
                if (output.Channels != 1)
                {
                    throw Refusal(
                        $"The cell of vertex {vertex} at {Describe(cellPath)} gives {output.Channels} channels, but a DeepCellDan's cells must give one.", dan.Cells[vertex]);
                }

                outputs[vertex] = output;
            }
        }

        var heads = Stack(dan.OutputVertices.Select(v => outputs[v]).ToArray(), Join(path, "head_input"));
        var convolved = AddConvolution(dan.HeadConvolution, heads, Join(path, "head_conv"));
        var normalized = AddBatchNorm(dan.HeadNorm, convolved, Join(path, "head_norm"));
        var pooled = Node("GlobalAveragePool", Join(path, "head_pool"), new[] { normalized.Name });
        _current = Node("Flatten", Join(path, "head_flatten"), new[] { pooled }, IntAttribute("axis", 1));
        CheckDtype(dan.HeadLinear.weight, Join(path, "head_fc"), dan.HeadLinear);
        AddGemm(dan.HeadLinear.weight!, dan.HeadLinear.bias, Join(path, "head_fc"));
    }

    /// <summary>One-channel maps zero-padded at the end of each spatial dimension to the largest extent, then concatenated along the channels.</summary>
    private FeatureMap Stack(FeatureMap[] parts, string path)
    {
        var extents = DeepCellDan.StackedExtents(parts.Select(part => part.Extents));
        var names = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var end = new long[extents.Length];
            for (var d = 0; d < end.Length; d++)
            {
                end[d] = extents[d] - parts[i].Extents[d];
            }

            names[i] = end.Any(e => e != 0)
                ? PadSpatial(parts[i].Name, new long[end.Length], end, "constant", Join(path, string.Create(CultureInfo.InvariantCulture, $"pad.{i}")))
                : parts[i].Name;
        }

        var stacked = names.Length == 1 ? names[0] : Node("Concat", Join(path, "concat"), names, IntAttribute("axis", 1));
        return new FeatureMap(stacked, parts.Sum(part => part.Channels), extents);
    }

    /// <summary>A <c>Pad</c> of the spatial dimensions only (batch and channels unpadded).</summary>
    private string PadSpatial(string input, long[] begin, long[] end, string mode, string path)
    {
        var pads = new long[2 * (begin.Length + 2)];
        begin.CopyTo(pads, 2);
        end.CopyTo(pads, begin.Length + 4);
        var attribute = new AttributeProto { Name = "mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(mode) };
        return Node("Pad", path, new[] { input, Int64s(Join(path, "pads"), pads) }, attribute);
    }

    private FeatureMap AddCellModule(nn.Module module, FeatureMap x, string path)
    {
        switch (module)
        {
            case Sequential sequential:
                foreach (var (name, child) in sequential.named_children())
                {
                    x = AddCellModule(child, x, Join(path, name));
                }

                return x;
            case Convolution convolution when !convolution.transposed:
                return AddConvolution(convolution, x, path);
            case BatchNorm norm:
                return AddBatchNorm(norm, x, path);
            case MaxPool1d pool:
                return AddPool("MaxPool", new[] { pool.kernel_size }, pool.stride is { } s ? new[] { s } : null, pool.padding is { } p ? new[] { p } : null, pool.dilation is { } d ? new[] { d } : null, pool.ceil_mode, null, x, path, pool);
            case MaxPool2d pool:
                return AddPool("MaxPool", pool.kernel_size, pool.stride, pool.padding, pool.dilation, pool.ceil_mode, null, x, path, pool);
            case MaxPool3d pool:
                return AddPool("MaxPool", pool.kernel_size, pool.stride, pool.padding, pool.dilation, pool.ceil_mode, null, x, path, pool);
            case AvgPool1d pool:
                return AddPool("AveragePool", new[] { pool.kernel_size }, pool.stride is { } s1 ? new[] { s1 } : null, pool.padding is { } p1 ? new[] { p1 } : null, null, pool.ceil_mode, pool.count_include_pad, x, path, pool);
            case AvgPool2d pool when pool.divisor_override is null:
                return AddPool("AveragePool", pool.kernel_size, pool.stride, pool.padding, null, pool.ceil_mode, pool.count_include_pad, x, path, pool);
            case AvgPool3d pool when pool.divisor_override is null:
                return AddPool("AveragePool", pool.kernel_size, pool.stride, pool.padding, null, pool.ceil_mode, pool.count_include_pad, x, path, pool);
            case ReLU:
                return x with { Name = ActivationNode(Activation.ReLU, x.Name, path) };
            case Sigmoid:
                return x with { Name = ActivationNode(Activation.Sigmoid, x.Name, path) };
            case Tanh:
                return x with { Name = ActivationNode(Activation.Tanh, x.Name, path) };
            case LeakyReLU leaky:
                return x with { Name = Node("LeakyRelu", path, new[] { x.Name }, FloatAttribute("alpha", leaky.negative_slope)) };
            case ELU elu:
                return x with { Name = Node("Elu", path, new[] { x.Name }, FloatAttribute("alpha", elu.alpha)) };
            case GELU gelu when gelu.approximate == GELU.Approximate.none:
                return x with { Name = ActivationNode(Activation.GELU, x.Name, path) };
            case GELU:
                return x with { Name = TanhGelu(x.Name, path) };
            case SiLU:
                return x with { Name = Node("Mul", path, new[] { x.Name, Node("Sigmoid", Join(path, "sigmoid"), new[] { x.Name }) }) };
            case Identity or Dropout or Dropout1d or Dropout2d or Dropout3d:
                // Eval mode, which the file computes: dropout passes its input through.
                return x;
            default:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)}: the export sees a module's layers, not its forward code, so a DeepCellDan's cells must be built of {CellModules}.");
        }
    }

    private FeatureMap AddConvolution(Convolution convolution, FeatureMap x, string path)
    {
        CheckDtype(convolution.weight, path, convolution);
        var kernel = convolution.kernel_size;
        CheckSpatialRank(kernel.Length, x, path, convolution);
        if (convolution.in_channels != x.Channels)
        {
            throw Refusal(
                $"{convolution.GetType().Name} at {Describe(path)} takes {convolution.in_channels} channels, but the value before it has {x.Channels}.", convolution);
        }

        var rank = kernel.Length;
        var begin = new long[rank];
        var end = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            if (convolution.padding_type == Padding.Same)
            {
                // libtorch's padding = "same": any odd remainder goes at the end.
                var total = convolution.dilation[d] * (kernel[d] - 1);
                begin[d] = total / 2;
                end[d] = total - begin[d];
            }
            else if (convolution.padding_type != Padding.Valid && convolution.padding is { } padding)
            {
                begin[d] = end[d] = padding[d];
            }
        }

        var input = x.Name;
        switch (convolution.padding_mode)
        {
            case PaddingModes.Zeros:
                break;
            case PaddingModes.Reflect or PaddingModes.Replicate when convolution.padding_type is null:
                // The layer pads explicitly, then convolves without padding.
                input = PadSpatial(input, begin, end, convolution.padding_mode == PaddingModes.Reflect ? "reflect" : "edge", Join(path, "pad"));
                x = x with { Extents = x.Extents.Select((e, d) => e + begin[d] + end[d]).ToArray() };
                begin = new long[rank];
                end = new long[rank];
                break;
            default:
                throw new NotSupportedException(
                    $"ONNX export does not support {convolution.GetType().Name} at {Describe(path)} with padding_mode {convolution.padding_mode}{(convolution.padding_type is { } type ? $" and padding {type}" : string.Empty)}: it writes zero padding, and reflect or replicate padding of explicit sizes.");
        }

        var extents = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            extents[d] = WindowCount(x.Extents[d] + begin[d] + end[d], kernel[d], convolution.stride[d], convolution.dilation[d], path, convolution);
        }

        var inputs = new List<string> { input, Weight(convolution.weight!, Join(path, "weight")) };
        if (convolution.bias is { } bias)
        {
            inputs.Add(Dense(bias, Join(path, "bias")));
        }

        var output = Node(
            "Conv",
            Join(path, "conv"),
            inputs,
            IntsAttribute("kernel_shape", kernel),
            IntsAttribute("strides", convolution.stride),
            IntsAttribute("pads", begin.Concat(end)),
            IntsAttribute("dilations", convolution.dilation),
            IntAttribute("group", convolution.groups));
        return new FeatureMap(output, convolution.out_channels, extents);
    }

    private FeatureMap AddBatchNorm(BatchNorm norm, FeatureMap x, string path)
    {
        CheckDtype(norm.weight ?? norm.running_mean, path, norm);
        var expectedRank = norm switch
        {
            BatchNorm1d => 1,
            BatchNorm2d => 2,
            _ => 3,
        };
        CheckSpatialRank(expectedRank, x, path, norm);
        if (norm.num_features != x.Channels)
        {
            throw Refusal(
                $"{norm.GetType().Name} at {Describe(path)} normalizes {norm.num_features} channels, but the value before it has {x.Channels}.", norm);
        }

        if (norm.running_mean is not { } mean || norm.running_var is not { } variance)
        {
            throw new NotSupportedException(
                $"ONNX export does not support {norm.GetType().Name} at {Describe(path)} without running statistics (track_running_stats = false): it normalizes by each batch's own statistics even in eval mode.");
        }

        using var scale = norm.weight is { } weight ? weight.alias() : ones(norm.num_features, dtype: _dtype);
        using var shift = norm.bias is { } bias ? bias.alias() : zeros(norm.num_features, dtype: _dtype);
        var output = Node(
            "BatchNormalization",
            Join(path, "batch_norm"),
            new[]
            {
                x.Name,
                Dense(scale, Join(path, "weight")),
                Dense(shift, Join(path, "bias")),
                Dense(mean, Join(path, "running_mean")),
                Dense(variance, Join(path, "running_var")),
            },
            FloatAttribute("epsilon", norm.eps));
        return x with { Name = output };
    }

    private FeatureMap AddPool(string op, long[] kernel, long[]? stride, long[]? padding, long[]? dilation, bool ceilMode, bool? countIncludePad, FeatureMap x, string path, nn.Module pool)
    {
        CheckSpatialRank(kernel.Length, x, path, pool);
        if (ceilMode)
        {
            // ONNX and libtorch disagree on a last window that starts in the padding; floor mode has one answer.
            throw new NotSupportedException($"ONNX export does not support {pool.GetType().Name} at {Describe(path)} with ceil_mode = true: it writes pooling in floor mode.");
        }

        stride ??= kernel;
        padding ??= new long[kernel.Length];
        dilation ??= Enumerable.Repeat(1L, kernel.Length).ToArray();
        var extents = new long[kernel.Length];
        for (var d = 0; d < kernel.Length; d++)
        {
            extents[d] = WindowCount(x.Extents[d] + (2 * padding[d]), kernel[d], stride[d], dilation[d], path, pool);
        }

        var attributes = new List<AttributeProto>
        {
            IntsAttribute("kernel_shape", kernel),
            IntsAttribute("strides", stride),
            IntsAttribute("pads", padding.Concat(padding)),
        };
        if (countIncludePad is { } include)
        {
            attributes.Add(IntAttribute("count_include_pad", include ? 1 : 0));
        }
        else
        {
            attributes.Add(IntsAttribute("dilations", dilation));
        }

        return new FeatureMap(Node(op, Join(path, op == "MaxPool" ? "max_pool" : "average_pool"), new[] { x.Name }, attributes.ToArray()), x.Channels, extents);
    }

    /// <summary>GELU's tanh approximation: opset 20's <c>Gelu</c>, or ½x(1 + tanh(√(2/π)(x + 0.044715x³))) before it.</summary>
    private string TanhGelu(string x, string path)
    {
        if (_options.Opset >= 20)
        {
            return Node("Gelu", path, new[] { x }, new AttributeProto { Name = "approximate", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("tanh") });
        }

        var cube = Node("Mul", Join(path, "cube"), new[] { Node("Mul", Join(path, "square"), new[] { x, x }), x });
        var inner = Node("Add", Join(path, "inner"), new[] { x, Node("Mul", Join(path, "scaled_cube"), new[] { cube, Scalar(Join(path, "coefficient"), 0.044715) }) });
        var tanh = Node("Tanh", Join(path, "tanh"), new[] { Node("Mul", Join(path, "scaled"), new[] { inner, Scalar(Join(path, "sqrt_2_over_pi"), Math.Sqrt(2 / Math.PI)) }) });
        var shifted = Node("Add", Join(path, "add"), new[] { tanh, Scalar(Join(path, "one"), 1) });
        return Node("Mul", path, new[] { Node("Mul", Join(path, "mul"), new[] { x, shifted }), Scalar(Join(path, "half"), 0.5) });
    }

    /// <summary>How many windows of a kernel fit along one padded extent (floor mode), refusing an extent too small for one.</summary>
    private static long WindowCount(long paddedExtent, long kernel, long stride, long dilation, string path, nn.Module module)
    {
        var span = (dilation * (kernel - 1)) + 1;
        if (paddedExtent < span)
        {
            throw Refusal(
                $"{module.GetType().Name} at {Describe(path)} needs an extent of at least {span} (padding included) in each spatial dimension, but gets {paddedExtent} from the model's input shape.", module);
        }

        return ((paddedExtent - span) / stride) + 1;
    }

    private static void CheckSpatialRank(int rank, FeatureMap x, string path, nn.Module module)
    {
        if (rank != x.Extents.Length)
        {
            throw Refusal(
                $"{module.GetType().Name} at {Describe(path)} works on {rank} spatial dimension(s), but the value before it has {x.Extents.Length}.", module);
        }
    }

    /// <summary>An error in the exported model; the parameter named is <c>module</c>, the model given to the export.</summary>
    private static ArgumentException Refusal(string message, nn.Module module) => new(message, nameof(module));

    /// <summary>A value of a cell network's graph: its name, channels and static spatial extents.</summary>
    private readonly record struct FeatureMap(string Name, long Channels, long[] Extents);
}
