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
internal sealed class OnnxModelBuilder
{
    private const string BatchDimension = "batch";
    private const string RootPath = "(the model itself)";

    private readonly GraphProto _graph = new();
    private readonly OnnxExportOptions _options;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private string _current;
    private long _width = -1;
    private long[]? _inputShape;

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
                StartOrCheck(new[] { linear.InFeatures }, path, module);
                AddLinear(linear, path);
                break;
            case MaskedDeepFfn ffn when !ForwardOverrides.IsOverridden(ffn):
                AddFfn(ffn, path);
                break;
            case Sequential sequential:
                foreach (var (name, child) in sequential.named_children())
                {
                    Add(child, Join(path, name));
                }

                break;
            case MaskedDeepFfn:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)}: it overrides MaskedDeepFfn's forward pass, which the export writes.");
            default:
                throw new NotSupportedException(
                    $"ONNX export does not support {module.GetType().Name} at {Describe(path)}: it writes MaskedLinear, MaskedDeepFfn and nn.Sequential of these.");
        }
    }

    private void AddFfn(MaskedDeepFfn ffn, string path)
    {
        StartOrCheck(ffn.InputShape.ToArray(), path, ffn);
        if (ffn.InputShape.Count > 1)
        {
            _current = Node("Flatten", Join(path, "flatten"), new[] { _current }, new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        }

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
                AddLayerNorm(ffn.Norms[i], Join(path, $"norms.{i}"));
            }

            AddActivation(ffn.Activation, Join(path, $"activation.{i}"));
        }
    }

    private void AddLinear(MaskedLinear linear, string path)
    {
        CheckDtype(linear.weight, path, linear);
        using var folded = linear.weight.mul(linear.Mask);
        var weight = Weight(folded, Join(path, "weight"));
        var inputs = new List<string> { _current, weight };
        if (linear.bias is { } bias)
        {
            inputs.Add(Dense(bias, Join(path, "bias")));
        }

        _current = Node("Gemm", Join(path, "gemm"), inputs, new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        _width = linear.OutFeatures;
    }

    private void AddLayerNorm(LayerNorm norm, string path)
    {
        CheckDtype(norm.weight ?? norm.bias, path, norm);
        using var scale = norm.weight is { } weight ? weight.alias() : ones(_width);
        var inputs = new List<string> { _current, Dense(scale, Join(path, "weight")) };
        if (norm.bias is { } bias)
        {
            inputs.Add(Dense(bias, Join(path, "bias")));
        }

        _current = Node(
            "LayerNormalization",
            Join(path, "layer_norm"),
            inputs,
            new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 },
            new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)norm.eps });
    }

    private void AddActivation(Activation activation, string path)
    {
        switch (activation)
        {
            case Activation.ReLU:
                _current = Node("Relu", path, new[] { _current });
                break;
            case Activation.Tanh:
                _current = Node("Tanh", path, new[] { _current });
                break;
            case Activation.Sigmoid:
                _current = Node("Sigmoid", path, new[] { _current });
                break;
            case Activation.LeakyReLU:
                _current = Node("LeakyRelu", path, new[] { _current }, new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = (float)ActivationFunctions.LeakyReluSlope });
                break;
            case Activation.ELU:
                _current = Node("Elu", path, new[] { _current }, new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = (float)ActivationFunctions.EluAlpha });
                break;
            case Activation.GELU:
                // TorchSharp's exact GELU, x·½·(1 + erf(x/√2)), from operators of every supported opset (Gelu is opset 20).
                var x = _current;
                var scaled = Node("Div", Join(path, "div"), new[] { x, Scalar(Join(path, "sqrt2"), MathF.Sqrt(2f)) });
                var erf = Node("Erf", Join(path, "erf"), new[] { scaled });
                var shifted = Node("Add", Join(path, "add"), new[] { erf, Scalar(Join(path, "one"), 1f) });
                var product = Node("Mul", Join(path, "mul"), new[] { x, shifted });
                _current = Node("Mul", Join(path, "half"), new[] { product, Scalar(Join(path, "half_constant"), 0.5f) });
                break;
            case Activation.Identity:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, $"activation = {activation} is not an Activation.");
        }
    }

    /// <summary>Sets the graph's input shape from the first module, or checks that a later one takes the previous width.</summary>
    private void StartOrCheck(long[] inputShape, string path, nn.Module module)
    {
        if (_inputShape is null)
        {
            _inputShape = inputShape;
            return;
        }

        if (inputShape.Length != 1 || inputShape[0] != _width)
        {
            throw new ArgumentException(
                $"{module.GetType().Name} at {Describe(path)} takes input of shape [batch, {string.Join(", ", inputShape)}], but the module before it gives [batch, {_width}].",
                nameof(module));
        }
    }

    private ModelProto Finish(nn.Module module)
    {
        if (_inputShape is null || _graph.Node.Count == 0)
        {
            throw new ArgumentException($"{module.GetType().Name} has no layers to export.", nameof(module));
        }

        // The last node writes the graph's output directly, so the output has the user's name.
        var last = _graph.Node[^1];
        last.Output[0] = _options.OutputName;
        _graph.Name = module.GetType().Name;
        _graph.Input.Add(Value(_options.InputName, _inputShape));
        _graph.Output.Add(Value(_options.OutputName, new[] { _width }));

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

    private static ValueInfoProto Value(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var size in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
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

    /// <summary>A weight matrix, dense or sparse as the options say.</summary>
    private string Weight(Tensor weight, string name)
    {
        var values = Floats(weight);
        var nonZero = 0;
        long indexBytes = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0f)
            {
                nonZero++;
                indexBytes += CodedOutputStream.ComputeInt64Size(i);
            }
        }

        var sparse = _options.SparseWeights switch
        {
            OnnxSparseWeights.Always => true,
            OnnxSparseWeights.Never => false,
            _ => indexBytes + (4L * nonZero) < 4L * values.Length,
        };
        if (!sparse)
        {
            return Dense(values, weight.shape, name);
        }

        name = Unique(name);
        var denseValues = new float[nonZero];
        var indices = new TensorProto { Name = name + ".indices", DataType = (int)TensorProto.Types.DataType.Int64 };
        indices.Dims.Add(nonZero);
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0f)
            {
                denseValues[k++] = values[i];

                // Packed varints: the ascending linear indices of a layer take about three bytes each, not eight.
                indices.Int64Data.Add(i);
            }
        }

        var valueTensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = Raw(denseValues) };
        valueTensor.Dims.Add(nonZero);
        var sparseTensor = new SparseTensorProto { Values = valueTensor, Indices = indices };
        sparseTensor.Dims.AddRange(weight.shape);
        _graph.SparseInitializer.Add(sparseTensor);
        return name;
    }

    private string Dense(Tensor tensor, string name) => Dense(Floats(tensor), tensor.shape, name);

    private string Dense(float[] values, long[] shape, string name)
    {
        name = Unique(name);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = Raw(values) };
        tensor.Dims.AddRange(shape);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Scalar(string name, float value) => Dense(new[] { value }, Array.Empty<long>(), name);

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 1; !_names.Add(candidate); i++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{i}");
        }

        return candidate;
    }

    private static float[] Floats(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    /// <summary>Little-endian raw data, as ONNX requires whatever the machine's byte order.</summary>
    private static ByteString Raw(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static void CheckDtype(Tensor? tensor, string path, nn.Module module)
    {
        if (tensor is not null && tensor.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"ONNX export writes float32 models, but {module.GetType().Name} at {Describe(path)} has {tensor.dtype} weights: convert the model with model.to(float32) first.",
                nameof(module));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Describe(string path) => path.Length == 0 ? RootPath : $"'{path}'";
}
