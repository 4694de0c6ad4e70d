using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Google.Protobuf;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Export;

/// <summary>Builds the ONNX graph of a supported model, module by module, in the order of its forward pass.</summary>
internal sealed partial class OnnxModelBuilder
{
    private const string BatchDimension = "batch";
    private const string SequenceDimension = "sequence";
    private const string RootPath = "(the model itself)";

    private readonly GraphProto _graph = new();
    private readonly OnnxExportOptions _options;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private string _current;
    private long _width = -1;

    private static readonly long[] ZeroAxis = { 0L };
    private static readonly long[] OneAxis = { 1L };
    private object[]? _inputDims;
    private object[]? _outputDims;
    private ScalarType _dtype = ScalarType.Float32;

    private OnnxModelBuilder(OnnxExportOptions options)
    {
        _options = options;
        _current = options.InputName;
        _names.Add(options.InputName);
        _names.Add(options.OutputName);
    }

    public static ModelProto Build(nn.Module module, OnnxExportOptions options, string optionsParameter)
    {
        ArgumentNullException.ThrowIfNull(module);
        options.Validate(optionsParameter);
        var builder = new OnnxModelBuilder(options);
        builder._dtype = ModelDtype(module);
        using (no_grad())
        using (NewDisposeScope())
        {
            builder.Add(module, string.Empty);
        }

        return builder.Finish(module);
    }

    private void Add(nn.Module module, string path)
    {
        switch (module)
        {
            case MaskedLinear linear:
                StartFlat(new[] { linear.InFeatures }, path, module);
                AddLinear(linear, path);
                break;
            case MaskedDeepFfn ffn when !ForwardOverrides.IsOverridden(ffn):
                AddFfn(ffn, path);
                break;
            case MaskedDeepDan dan when !ForwardOverrides.IsOverridden(dan, typeof(MaskedDeepDan)):
                AddDan(dan, path);
                break;
            case MaskedDeepRnn rnn when !ForwardOverrides.IsOverridden(rnn, typeof(MaskedDeepRnn)):
                AddDeepRnn(rnn, path);
                break;
            case IMaskedRecurrentLayer recurrent when path.Length == 0:
                AddRecurrentSequence(recurrent, module);
                break;
            case IMaskedRecurrentLayer:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)} inside another module: a recurrent layer is exported on its own (its Unfold) or inside a MaskedDeepRnn.");
            case Sequential sequential:
                foreach (var (name, child) in sequential.named_children())
                {
                    Add(child, Join(path, name));
                }

                break;
            case DeepCellDan cellDan when !ForwardOverrides.IsOverridden(cellDan, typeof(DeepCellDan)):
                AddCellDan(cellDan, path);
                break;
            case MaskedDeepFfn or MaskedDeepDan or MaskedDeepRnn or DeepCellDan:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)}: it overrides its base class's forward pass, which the export writes.");
            default:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)}: it writes MaskedLinear, MaskedDeepFfn, MaskedDeepDan, DeepCellDan (with exportable cells), MaskedDeepRnn, the masked recurrent layers and nn.Sequential of these.");
        }
    }
    private void AddFfn(MaskedDeepFfn ffn, string path)
    {
        StartFlat(ffn.InputShape.ToArray(), path, ffn);
        var layers = ffn.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            AddLinear(layers[i], Join(path, $"layers.{i}"));
            if (i == layers.Count - 1)
            {
                break;
            }

            if (ffn.UseLayerNorm)
            {
                _current = LayerNorm(_current, ffn.Norms[i], Join(path, $"norms.{i}"));
            }

            _current = ActivationNode(ffn.Activation, _current, Join(path, $"activation.{i}"));
        }
    }

    /// <summary>
    /// A DAN as its forward pass computes it: the input map into layer 0; then per source layer one <c>Gemm</c> of
    /// its main map and all skip maps leaving it (the fused layout's group), split into the pieces each target
    /// layer adds; a target's main piece is normalized (when the layer has a norm) and activated, its skip pieces
    /// activated, and the layer is their sum; the output map reads the last layer.
    /// </summary>
    private void AddDan(MaskedDeepDan dan, string path)
    {
        if (dan.Representation == DanRepresentation.Edges && dan.LayerCount > 1)
        {
            AddEdgeDan(dan, path);
            return;
        }

        StartFlat(dan.InputShape.ToArray(), path, dan);
        var layerCount = dan.LayerCount;

        // arriving[t]: the terms layer t sums, main first, then skips by ascending source (deepstruct's order).
        var arriving = new List<string>[layerCount];
        for (var t = 0; t < layerCount; t++)
        {
            arriving[t] = new List<string>();
        }

        AddLinear(dan.InputMap, Join(path, "input_map"));
        var main = _current;
        for (var layer = 0; layer < layerCount; layer++)
        {
            var layerPath = Join(path, $"layer.{layer}");
            if (layer == 0)
            {
                if (dan.HasLayerNorm(0))
                {
                    main = DanLayerNorm(main, dan, 0, Join(path, "layer.0.norm"));
                }

                arriving[0].Insert(0, ActivationNode(dan.Activation, main, Join(layerPath, "activation")));
            }

            var current = arriving[layer].Count == 1 ? arriving[layer][0] : Node("Sum", Join(layerPath, "sum"), arriving[layer]);
            if (layer == layerCount - 1)
            {
                _current = current;
                _width = dan.OutputMap.InFeatures;
                break;
            }

            // The group of this source layer: its main map, then its skip maps in the plan's (target) order.
            var maps = new List<(MaskedMapView Map, int Target, bool IsMain)> { (dan.MainMaps[layer], layer + 1, true) };
            foreach (var skip in dan.SkipMaps)
            {
                if (skip.SourceLayer == layer)
                {
                    maps.Add((skip, skip.TargetLayer, false));
                }
            }

            foreach (var (map, _, _) in maps)
            {
                CheckDtype(map.weight, layerPath, dan);
            }

            var groupPath = Join(path, $"group.{layer}");
            using var weight = cat(maps.Select(m => m.Map.weight.mul(m.Map.Mask)).ToArray(), 0);
            var inputs = new List<string> { current, Weight(weight, Join(groupPath, "weight")) };
            if (maps[0].Map.bias is not null)
            {
                using var bias = cat(maps.Select(m => m.Map.bias!).ToArray(), 0);
                inputs.Add(Dense(bias, Join(groupPath, "bias")));
            }

            var group = Node("Gemm", Join(groupPath, "gemm"), inputs, IntAttribute("transB", 1));
            var targetNorm = dan.HasLayerNorm(layer + 1);
            if (!targetNorm)
            {
                // Every piece is activated: one activation for the whole group before the split.
                group = ActivationNode(dan.Activation, group, Join(groupPath, "activation"));
            }

            var pieces = maps.Count == 1 ? new[] { group } : Split(group, maps.Select(m => m.Map.OutFeatures).ToArray(), Join(groupPath, "split"));
            for (var p = 0; p < maps.Count; p++)
            {
                var piece = pieces[p];
                if (targetNorm)
                {
                    if (maps[p].IsMain)
                    {
                        piece = DanLayerNorm(piece, dan, maps[p].Target, Join(path, $"layer.{maps[p].Target}.norm"));
                    }

                    piece = ActivationNode(dan.Activation, piece, Join(groupPath, $"activation.{p}"));
                }

                if (maps[p].IsMain)
                {
                    arriving[maps[p].Target].Insert(0, piece);
                }
                else
                {
                    arriving[maps[p].Target].Add(piece);
                }
            }
        }

        AddLinear(dan.OutputMap, Join(path, "output_map"));
    }

    /// <summary>
    /// A DAN stored per edge, written per edge so that the file and its run cost follow the edges, not the dense
    /// maps: per layer k ≥ 1 a <c>Gather</c> of its edges' sources from the layers below, a <c>Mul</c> by the edge
    /// weights (masks folded), a <c>ScatterElements</c> (reduction add) into its segments over their biases, the
    /// norm on the main segments where the layer has one, the activation, and a <c>ScatterElements</c> into its
    /// vertices over the constant of its edgeless skip rows (act(b), folded at export). Opset 16 or later.
    /// </summary>
    private void AddEdgeDan(MaskedDeepDan dan, string path)
    {
        StartFlat(dan.InputShape.ToArray(), path, dan);
        var maps = dan.EdgeMaps;
        var layout = maps.Layout;
        CheckDtype(maps.EdgeWeights, path, dan);
        AddLinear(dan.InputMap, Join(path, "input_map"));
        var main = dan.HasLayerNorm(0) ? DanLayerNorm(_current, dan, 0, Join(path, "layer.0.norm")) : _current;
        var below = ActivationNode(dan.Activation, main, Join(path, "layer.0.activation"));
        var batch = Node("Slice", Join(path, "batch"), new[] { Node("Shape", Join(path, "shape"), new[] { below }), Int64s(Join(path, "zero"), ZeroAxis), Int64s(Join(path, "one"), OneAxis) });

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weights = maps.EdgeWeights.mul(maps.EdgeMasks).cpu();
        var constants = maps.EdgelessConstant()?.cpu() ?? zeros(layout.VertexCount, dtype: weights.dtype);

        var current = below;
        for (var k = 1; k < layout.LayerCount; k++)
        {
            var layerPath = Join(path, $"layer.{k}");
            var (edgeStart, edgeCount) = (layout.EdgeStart[k], layout.EdgeStart[k + 1] - layout.EdgeStart[k]);
            var (segmentStart, segmentCount) = (layout.SegmentStart[k], layout.SegmentStart[k + 1] - layout.SegmentStart[k]);
            var (vertexStart, vertexCount) = (layout.VertexStart[k], layout.VertexStart[k + 1] - layout.VertexStart[k]);
            var segmentBiases = maps.SegmentBiases is { } b ? b.detach().cpu().narrow(0, segmentStart, segmentCount) : zeros(segmentCount, dtype: weights.dtype);
            var segments = Filled(segmentBiases, batch, Join(layerPath, "segment_biases"));
            if (edgeCount > 0)
            {
                var sources = Range(layout.EdgeSource, edgeStart, edgeCount, 0);
                var gathered = Node("Gather", Join(layerPath, "gather"), new[] { below, Int64s(Join(layerPath, "sources"), sources) }, IntAttribute("axis", 1));
                var weighted = Node("Mul", Join(layerPath, "weighted"), new[] { gathered, Dense(weights.narrow(0, edgeStart, edgeCount).unsqueeze(0), Join(layerPath, "edge_weights")) });
                segments = ScatterAdd(segments, Range(layout.EdgeSegment, edgeStart, edgeCount, segmentStart), weighted, Join(layerPath, "segments"));
            }

            if (dan.HasLayerNorm(k))
            {
                // A layer's main segments come first, one per vertex in order: normalize them, keep the rest.
                var parts = segmentCount == vertexCount ? new[] { segments } : Split(segments, new[] { (long)vertexCount, segmentCount - vertexCount }, Join(layerPath, "main_and_skips"));
                parts[0] = DanLayerNorm(parts[0], dan, k, Join(layerPath, "norm"));
                segments = parts.Length == 1 ? parts[0] : Node("Concat", Join(layerPath, "normalized"), parts, IntAttribute("axis", 1));
            }

            var activated = ActivationNode(dan.Activation, segments, Join(layerPath, "activation"));
            var vertices = Filled(constants.narrow(0, vertexStart, vertexCount), batch, Join(layerPath, "constants"));
            current = ScatterAdd(vertices, Range(layout.SegmentVertex, segmentStart, segmentCount, vertexStart), activated, Join(layerPath, "vertices"));
            below = Node("Concat", Join(layerPath, "so_far"), new[] { below, current }, IntAttribute("axis", 1));
        }

        _current = current;
        _width = dan.OutputMap.InFeatures;
        AddLinear(dan.OutputMap, Join(path, "output_map"));
    }

    /// <summary><c>[batch, n]</c>, each row <paramref name="row"/>.</summary>
    private string Filled(Tensor row, string batch, string path)
    {
        var shape = Node("Concat", Join(path, "shape"), new[] { batch, Int64s(Join(path, "width"), new[] { row.shape[0] }) }, IntAttribute("axis", 0));
        return Node("Expand", path, new[] { Dense(row.unsqueeze(0), Join(path, "row")), shape });
    }

    /// <summary><paramref name="data"/> with <paramref name="updates"/> added along axis 1 at the columns <paramref name="columns"/> (one per update column).</summary>
    private string ScatterAdd(string data, long[] columns, string updates, string path)
    {
        var index = Int64s(Join(path, "columns"), columns);
        var shape = Node("Shape", Join(path, "updates_shape"), new[] { updates });
        var rows = Node("Expand", Join(path, "index"), new[] { Node("Unsqueeze", Join(path, "index_row"), new[] { index, Int64s(Join(path, "axis"), ZeroAxis) }), shape });
        return Node("ScatterElements", path, new[] { data, rows, updates }, IntAttribute("axis", 1), new AttributeProto { Name = "reduction", Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("add") });
    }

    /// <summary><paramref name="values"/>[start .. start + count) minus <paramref name="offset"/>, as int64.</summary>
    private static long[] Range(int[] values, int start, int count, int offset)
    {
        var result = new long[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = values[start + i] - offset;
        }

        return result;
    }

    /// <summary>A DAN layer's norm, wherever the DAN's representation keeps it.</summary>
    private string DanLayerNorm(string input, MaskedDeepDan dan, int layer, string path)
    {
        var (weight, bias, epsilon) = dan.LayerNormOf(layer);
        CheckDtype(weight, path, dan);
        return LayerNormalization(input, weight, bias, epsilon, path);
    }

    /// <summary>A stack of recurrent layers; the model's output is the last layer's last hidden state, <c>[batch, hidden]</c>.</summary>
    private void AddDeepRnn(MaskedDeepRnn rnn, string path)
    {
        StartSequence(rnn.InputSize, rnn.BatchFirst, path, rnn);
        var sequence = rnn.BatchFirst ? Transpose(_current, Join(path, "time_major")) : _current;
        string? last = null;
        for (var i = 0; i < rnn.Layers.Count; i++)
        {
            var (states, final) = Recurrent(rnn.Layers[i], sequence, Join(path, $"layers.{i}"), (nn.Module)rnn.Layers[i]);
            sequence = Squeeze(states, 1, Join(path, $"layers.{i}.sequence"));
            last = final;
        }

        _current = Squeeze(last!, 0, Join(path, "last"));
        _width = rnn.OutputSize;
    }

    /// <summary>One recurrent layer on its own, as its <c>Unfold</c>: every step's hidden state, in the layer's layout.</summary>
    private void AddRecurrentSequence(IMaskedRecurrentLayer layer, nn.Module module)
    {
        StartSequence(layer.InputSize, layer.BatchFirst, string.Empty, module);
        var sequence = layer.BatchFirst ? Transpose(_current, "time_major") : _current;
        var (states, _) = Recurrent(layer, sequence, string.Empty, module);
        _current = Squeeze(states, 1, "sequence");
        if (layer.BatchFirst)
        {
            _current = Transpose(_current, "batch_major");
        }

        _width = layer.HiddenSize;
        _outputDims = layer.BatchFirst
            ? new object[] { BatchDimension, SequenceDimension, (long)layer.HiddenSize }
            : new object[] { SequenceDimension, BatchDimension, (long)layer.HiddenSize };
    }

    /// <summary>
    /// An ONNX <c>RNN</c>, <c>LSTM</c> or <c>GRU</c> node over a time-major sequence, zero initial states; returns its
    /// <c>Y</c> (<c>[sequence, 1, batch, hidden]</c>) and <c>Y_h</c> (<c>[1, batch, hidden]</c>).
    /// </summary>
    private (string States, string Last) Recurrent(IMaskedRecurrentLayer layer, string sequence, string path, nn.Module module)
    {
        CheckDtype(layer.InputToHidden.Weight, path, module);
        if (_dtype != ScalarType.Float32)
        {
            // ONNX allows double RNN/LSTM/GRU, but ONNX Runtime has no such kernels: a file it cannot run is no deployment.
            throw new ArgumentException(
                $"ONNX export writes recurrent layers in float32 only (ONNX Runtime's RNN, LSTM and GRU kernels are float32), but {module.GetType().Name} at {Describe(path)} has {_dtype} weights: convert the model with model.to(float32) first.",
                nameof(module));
        }

        // Gate blocks of our (PyTorch's) rows in ONNX's order: LSTM i f g o → i o f c; GRU r z n → z r h.
        var (op, order) = module switch
        {
            MaskedLstmLayer => ("LSTM", new[] { 0, 3, 1, 2 }),
            MaskedGruLayer => ("GRU", new[] { 1, 0, 2 }),
            MaskedRecurrentLayer => ("RNN", new[] { 0 }),
            _ => throw new NotSupportedException($"ONNX export does not support {module.GetType().Name} at {Describe(path)}: it writes MaskedRecurrentLayer, MaskedLstmLayer and MaskedGruLayer."),
        };
        var attributes = new List<AttributeProto> { IntAttribute("hidden_size", layer.HiddenSize) };
        if (module is MaskedGruLayer)
        {
            // Our candidate is tanh(W_n x + b_in + r ⊙ (R_n h + b_hn)): the reset gate scales the hidden product.
            attributes.Add(IntAttribute("linear_before_reset", 1));
        }

        if (module is MaskedRecurrentLayer elman)
        {
            attributes.AddRange(RnnActivation(elman.Nonlinearity, path, module));
        }

        using var w = Reorder(layer.InputToHidden.Weight.mul(layer.InputToHidden.Mask), order, layer.HiddenSize).unsqueeze(0);
        using var r = Reorder(layer.HiddenToHidden.Weight.mul(layer.HiddenToHidden.Mask), order, layer.HiddenSize).unsqueeze(0);
        var inputs = new List<string> { sequence, Weight(w, Join(path, "W")), Weight(r, Join(path, "R")) };
        var (biasIh, biasHh) = Biases(module);
        if (biasIh is not null && biasHh is not null)
        {
            using var bias = cat(new[] { Reorder(biasIh, order, layer.HiddenSize), Reorder(biasHh, order, layer.HiddenSize) }, 0).unsqueeze(0);
            inputs.Add(Dense(bias, Join(path, "B")));
        }

        var name = Unique(Join(path, op.ToLowerInvariant()));
        var states = Unique(name + ".Y");
        var last = Unique(name + ".Y_h");
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(states);
        node.Output.Add(last);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return (states, last);
    }

    private static (Tensor? Ih, Tensor? Hh) Biases(nn.Module module) => module switch
    {
        MaskedLstmLayer l => (l.bias_ih, l.bias_hh),
        MaskedGruLayer g => (g.bias_ih, g.bias_hh),
        MaskedRecurrentLayer e => (e.bias_ih, e.bias_hh),
        _ => (null, null),
    };

    /// <summary>The gate blocks (of <paramref name="hidden"/> rows each) of <paramref name="rows"/> in <paramref name="order"/>.</summary>
    private static Tensor Reorder(Tensor rows, int[] order, int hidden)
    {
        var blocks = rows.split(hidden, 0);
        return cat(order.Select(i => blocks[i]).ToArray(), 0);
    }

    /// <summary>The ONNX RNN's <c>activations</c> (and <c>activation_alpha</c>/<c>beta</c>) for an Elman layer's nonlinearity.</summary>
    private static IEnumerable<AttributeProto> RnnActivation(Activation nonlinearity, string path, nn.Module module)
    {
        var (name, alpha, beta) = nonlinearity switch
        {
            Activation.Tanh => ("Tanh", (float?)null, (float?)null),
            Activation.ReLU => ("Relu", null, null),
            Activation.Sigmoid => ("Sigmoid", null, null),
            Activation.LeakyReLU => ("LeakyRelu", (float)ActivationFunctions.LeakyReluSlope, null),
            Activation.ELU => ("Elu", (float)ActivationFunctions.EluAlpha, null),
            Activation.Identity => ("Affine", 1f, 0f),
            _ => throw new NotSupportedException(
                $"ONNX export does not support {module.GetType().Name} at {Describe(path)} with nonlinearity {nonlinearity}: ONNX's RNN has no {nonlinearity} activation."),
        };
        var activations = new AttributeProto { Name = "activations", Type = AttributeProto.Types.AttributeType.Strings };
        activations.Strings.Add(ByteString.CopyFromUtf8(name));
        yield return activations;
        if (alpha is { } a)
        {
            var attribute = new AttributeProto { Name = "activation_alpha", Type = AttributeProto.Types.AttributeType.Floats };
            attribute.Floats.Add(a);
            yield return attribute;
        }

        if (beta is { } b)
        {
            var attribute = new AttributeProto { Name = "activation_beta", Type = AttributeProto.Types.AttributeType.Floats };
            attribute.Floats.Add(b);
            yield return attribute;
        }
    }

    private void AddLinear(MaskedLinear linear, string path)
    {
        CheckDtype(linear.weight, path, linear);
        using var folded = linear.weight.mul(linear.Mask);
        AddGemm(folded, linear.bias, path);
    }

    /// <summary>A linear map of the current value: <c>Gemm</c> with <c>transB = 1</c> of a <c>[out, in]</c> weight.</summary>
    private void AddGemm(Tensor weight, Tensor? bias, string path)
    {
        var inputs = new List<string> { _current, Weight(weight, Join(path, "weight")) };
        if (bias is not null)
        {
            inputs.Add(Dense(bias, Join(path, "bias")));
        }

        _current = Node("Gemm", Join(path, "gemm"), inputs, IntAttribute("transB", 1));
        _width = weight.shape[0];
    }

    private string LayerNorm(string input, LayerNorm norm, string path)
    {
        CheckDtype(norm.weight ?? norm.bias, path, norm);
        using var scale = norm.weight is { } weight ? weight.alias() : ones(norm.normalized_shape, dtype: _dtype);
        return LayerNormalization(input, scale, norm.bias, norm.eps, path);
    }

    private string LayerNormalization(string input, Tensor scale, Tensor? bias, double epsilon, string path)
    {
        var inputs = new List<string> { input, Dense(scale, Join(path, "weight")) };
        if (bias is not null)
        {
            inputs.Add(Dense(bias, Join(path, "bias")));
        }

        return Node(
            "LayerNormalization",
            Join(path, "layer_norm"),
            inputs,
            IntAttribute("axis", -1),
            FloatAttribute("epsilon", epsilon));
    }

    private string ActivationNode(Activation activation, string x, string path)
    {
        var doubles = _dtype == ScalarType.Float64;
        switch (activation)
        {
            case Activation.ReLU:
                return Node("Relu", path, new[] { x });
            case Activation.Tanh:
                return Node("Tanh", path, new[] { x });
            case Activation.Sigmoid:
                return Node("Sigmoid", path, new[] { x });
            case Activation.LeakyReLU when doubles:
                // ONNX Runtime has no double LeakyRelu kernel: max(x, αx), the same for 0 < α < 1.
                var leaked = Node("Mul", Join(path, "mul"), new[] { x, Scalar(Join(path, "alpha"), ActivationFunctions.LeakyReluSlope) });
                return Node("Max", path, new[] { x, leaked });
            case Activation.LeakyReLU:
                return Node("LeakyRelu", path, new[] { x }, FloatAttribute("alpha", ActivationFunctions.LeakyReluSlope));
            case Activation.ELU when doubles:
                // ONNX Runtime has no double Elu kernel: relu(x) + min(0, α(eˣ − 1)).
                var exp = Node("Exp", Join(path, "exp"), new[] { x });
                var shiftedExp = Node("Sub", Join(path, "sub"), new[] { exp, Scalar(Join(path, "one"), 1) });
                var scaledExp = Node("Mul", Join(path, "mul"), new[] { shiftedExp, Scalar(Join(path, "alpha"), ActivationFunctions.EluAlpha) });
                var negative = Node("Min", Join(path, "min"), new[] { scaledExp, Scalar(Join(path, "zero"), 0) });
                var positive = Node("Relu", Join(path, "relu"), new[] { x });
                return Node("Add", path, new[] { positive, negative });
            case Activation.ELU:
                return Node("Elu", path, new[] { x }, FloatAttribute("alpha", ActivationFunctions.EluAlpha));
            case Activation.GELU when _options.Opset >= 20 && !doubles:
                // Opset 20's Gelu, approximate = "none": TorchSharp's exact GELU.
                return Node("Gelu", path, new[] { x });
            case Activation.GELU:
                // TorchSharp's exact GELU, x·½·(1 + erf(x/√2)), from operators of every opset. ONNX Runtime has no
                // double Erf (nor Gelu), so a float64 model computes the erf alone in float32.
                var scaled = Node("Div", Join(path, "div"), new[] { x, Scalar(Join(path, "sqrt2"), Math.Sqrt(2)) });
                var erf = doubles
                    ? Cast(Node("Erf", Join(path, "erf"), new[] { Cast(scaled, TensorProto.Types.DataType.Float, Join(path, "to_float")) }), TensorProto.Types.DataType.Double, Join(path, "to_double"))
                    : Node("Erf", Join(path, "erf"), new[] { scaled });
                var shifted = Node("Add", Join(path, "add"), new[] { erf, Scalar(Join(path, "one"), 1) });
                var product = Node("Mul", Join(path, "mul"), new[] { x, shifted });
                return Node("Mul", Join(path, "half"), new[] { product, Scalar(Join(path, "half_constant"), 0.5) });
            case Activation.Identity:
                return x;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation.");
        }
    }

    private string Cast(string input, TensorProto.Types.DataType to, string path) =>
        Node("Cast", path, new[] { input }, IntAttribute("to", (int)to));

    private string[] Split(string input, long[] sizes, string path)
    {
        var name = Unique(path);
        var node = new NodeProto { OpType = "Split", Name = name };
        node.Input.Add(input);
        node.Input.Add(Int64s(Join(path, "sizes"), sizes));
        node.Attribute.Add(IntAttribute("axis", 1));
        var outputs = new string[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            outputs[i] = Unique(string.Create(CultureInfo.InvariantCulture, $"{name}.{i}"));
            node.Output.Add(outputs[i]);
        }

        _graph.Node.Add(node);
        return outputs;
    }

    private string Squeeze(string input, long axis, string path) => Node("Squeeze", path, new[] { input, Int64s(Join(path, "axes"), new[] { axis }) });

    private string Transpose(string input, string path)
    {
        return Node("Transpose", path, new[] { input }, IntsAttribute("perm", new long[] { 1, 0, 2 }));
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto IntsAttribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto FloatAttribute(string name, double value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    /// <summary>Starts the graph at <c>[batch, ..inputShape]</c> (flattened), or checks that a later module takes the previous width.</summary>
    private void StartFlat(long[] inputShape, string path, nn.Module module)
    {
        if (_inputDims is null)
        {
            _inputDims = new object[] { BatchDimension }.Concat(inputShape.Cast<object>()).ToArray();
            if (inputShape.Length > 1)
            {
                _current = Node("Flatten", Join(path, "flatten"), new[] { _current }, IntAttribute("axis", 1));
            }

            return;
        }

        if (inputShape.Length != 1 || inputShape[0] != _width || _outputDims is not null)
        {
            throw new ArgumentException(
                $"{module.GetType().Name} at {Describe(path)} takes input of shape [batch, {string.Join(", ", inputShape)}], but the module before it gives [batch, {_width}].",
                nameof(module));
        }
    }

    /// <summary>Starts the graph at a sequence, <c>[sequence, batch, features]</c> or batch first; only the first module reads one.</summary>
    private void StartSequence(int inputSize, bool batchFirst, string path, nn.Module module)
    {
        if (_inputDims is not null)
        {
            throw new ArgumentException(
                $"{module.GetType().Name} at {Describe(path)} reads a sequence, but the module before it gives [batch, {_width}]: a recurrent model must come first.",
                nameof(module));
        }

        _inputDims = batchFirst
            ? new object[] { BatchDimension, SequenceDimension, (long)inputSize }
            : new object[] { SequenceDimension, BatchDimension, (long)inputSize };
    }

    private ModelProto Finish(nn.Module module)
    {
        if (_inputDims is null || _graph.Node.Count == 0)
        {
            throw new ArgumentException($"{module.GetType().Name} has no layers to export.", nameof(module));
        }

        // The last node writes the graph's output directly, so the output has the user's name.
        var last = _graph.Node[^1];
        var produced = last.Output.IndexOf(_current);
        last.Output[produced < 0 ? 0 : produced] = _options.OutputName;
        _graph.Name = module.GetType().Name;
        _graph.Input.Add(Value(_options.InputName, _inputDims));
        _graph.Output.Add(Value(_options.OutputName, _outputDims ?? new object[] { BatchDimension, _width }));

        var model = new ModelProto
        {
            IrVersion = IrVersion(_options.Opset),
            ProducerName = "Deepstruct",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? string.Empty,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = _options.Opset });
        return model;
    }

    /// <summary>The IR version that came with an opset (onnx/helper.py's table), so older runtimes still load the file.</summary>
    private static long IrVersion(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>The dtype of the model's first parameter: float32 or float64, the type of every tensor in the file.</summary>
    private static ScalarType ModelDtype(nn.Module module)
    {
        var first = module.parameters().FirstOrDefault();
        var dtype = first?.dtype ?? ScalarType.Float32;
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentException(
                $"ONNX export writes float32 and float64 models, but {module.GetType().Name} has {dtype} weights: convert the model with model.to(float32) first.",
                nameof(module));
        }

        return dtype;
    }

    private int ElementType => (int)(_dtype == ScalarType.Float64 ? TensorProto.Types.DataType.Double : TensorProto.Types.DataType.Float);

    private ValueInfoProto Value(string name, object[] dims)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            tensorShape.Dim.Add(dim is string parameter
                ? new TensorShapeProto.Types.Dimension { DimParam = parameter }
                : new TensorShapeProto.Types.Dimension { DimValue = (long)dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = ElementType, Shape = tensorShape } },
        };
    }

    private string Node(string op, string name, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = Unique(name);
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A weight tensor, dense or sparse as the options say.</summary>
    private string Weight(Tensor weight, string name)
    {
        var values = TensorValues.Doubles(weight);
        var valueSize = _dtype == ScalarType.Float64 ? 8L : 4L;
        var nonZero = 0;
        long indexBytes = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                nonZero++;
                indexBytes += CodedOutputStream.ComputeInt64Size(i);
            }
        }

        var sparse = _options.SparseWeights switch
        {
            OnnxSparseWeights.Always => true,
            OnnxSparseWeights.Never => false,
            _ => indexBytes + (valueSize * nonZero) < valueSize * values.Length,
        };
        if (!sparse)
        {
            return Dense(values, weight.shape, name);
        }

        name = Unique(name);
        var denseValues = new double[nonZero];
        var indices = new TensorProto { Name = name + ".indices", DataType = (int)TensorProto.Types.DataType.Int64 };
        indices.Dims.Add(nonZero);
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                denseValues[k++] = values[i];

                // Packed varints: the ascending linear indices of a layer take about three bytes each, not eight.
                indices.Int64Data.Add(i);
            }
        }

        var valueTensor = new TensorProto { Name = name, DataType = ElementType, RawData = Raw(denseValues) };
        valueTensor.Dims.Add(nonZero);
        var sparseTensor = new SparseTensorProto { Values = valueTensor, Indices = indices };
        sparseTensor.Dims.AddRange(weight.shape);
        _graph.SparseInitializer.Add(sparseTensor);
        return name;
    }

    private string Dense(Tensor tensor, string name) => Dense(TensorValues.Doubles(tensor), tensor.shape, name);

    private string Dense(double[] values, long[] shape, string name)
    {
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = ElementType, RawData = Raw(values) };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Scalar(string name, double value) => Dense(new[] { value }, Array.Empty<long>(), name);

    private string Int64s(string name, long[] values)
    {
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Int64Data.AddRange(values);
        tensor.Dims.Add(values.Length);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 1; !_names.Add(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{i}");
        }

        return candidate;
    }

    /// <summary>Little-endian raw data of the model's element type, as ONNX requires whatever the machine's byte order.</summary>
    private ByteString Raw(double[] values)
    {
        var size = _dtype == ScalarType.Float64 ? sizeof(double) : sizeof(float);
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            if (size == sizeof(double))
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * size), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * size), (float)values[i]);
            }
        }

        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private void CheckDtype(Tensor? tensor, string path, nn.Module module)
    {
        if (tensor is not null && tensor.dtype != _dtype)
        {
            throw new ArgumentException(
                $"ONNX export writes a model of one dtype, {_dtype} here, but {module.GetType().Name} at {Describe(path)} has {tensor.dtype} weights: convert the model with model.to({_dtype}) first.",
                nameof(module));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(string path) => path.Length == 0 ? RootPath : $"'{path}'";
}
