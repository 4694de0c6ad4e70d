using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Deepstruct.Structures;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A network wired like a structure (deepstruct's <c>MaskedDeepDAN</c>): the structure's layers
/// become hidden layers, one neuron per vertex; an edge between consecutive layers is a weight of a
/// masked main map, an edge that skips layers a weight of a masked skip map; a dense map feeds
/// layer 0 from the input and one reads the output from the last layer.
/// </summary>
/// <remarks>
/// Layer <c>k</c> computes <c>out_k = act(norm(main_k(out_{k-1}))) + Σ_j act(skip_jk(out_j))</c>, with
/// <c>out_{-1}</c> the flattened input and <c>main_0</c> the input map; the output map has no
/// activation. Layer norm, when on, sits on each layer's main path, layer 0 included (deepstruct
/// creates one for layer 0 but never applies it). Wiring comes from <see cref="DanWiringPlan"/>,
/// which the source generator uses too, so generated and run-time models are wired identically.
/// </remarks>
public class MaskedDeepDan : MaskableModule
{
    [ComponentName(Name = "input_map")]
    private readonly MaskedLinear _inputMap;

    [ComponentName(Name = "main_maps")]
    private readonly ModuleList<MaskedLinear> _mainMaps = new();

    [ComponentName(Name = "skip_maps")]
    private readonly ModuleList<MaskedLinear> _skipMaps = new();

    [ComponentName(Name = "norms")]
    private readonly ModuleList<LayerNorm> _norms = new();

    [ComponentName(Name = "output_map")]
    private readonly MaskedLinear _outputMap;

    private readonly long[] _inputShape;

    // For each target layer, the skip maps into it (indices into _skipMaps) and their source layers.
    private readonly int[][] _skipsInto;

    /// <summary>Creates the network on <paramref name="structure"/> for inputs of <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex.</param>
    /// <param name="useLayerNorm">Whether each layer normalizes its main path before the activation.</param>
    /// <param name="activation">The nonlinearity of the hidden layers.</param>
    /// <param name="bias">Whether the maps have biases.</param>
    /// <exception cref="ArgumentException">A size is below 1 or the structure has no vertex.</exception>
    public MaskedDeepDan(int inputSize, int outputSize, Structure structure, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true)
        : this(new long[] { inputSize >= 1 ? inputSize : throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"inputSize must be at least 1, but was {inputSize}.") }, outputSize, structure, useLayerNorm, activation, bias)
    {
    }

    /// <summary>Creates the network on <paramref name="structure"/> for inputs of shape <c>[batch, ..inputShape]</c>.</summary>
    /// <param name="inputShape">The shape of one example, flattened by the network.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex.</param>
    /// <param name="useLayerNorm">Whether each layer normalizes its main path before the activation.</param>
    /// <param name="activation">The nonlinearity of the hidden layers.</param>
    /// <param name="bias">Whether the maps have biases.</param>
    /// <exception cref="ArgumentException">The shape is empty, a size is below 1 or the structure has no vertex.</exception>
    public MaskedDeepDan(long[] inputShape, int outputSize, Structure structure, bool useLayerNorm = false, Activation activation = Activation.ReLU, bool bias = true)
        : base(nameof(MaskedDeepDan))
    {
        _inputShape = InputShapes.Validate(inputShape, nameof(inputShape), out var inputSize);
        ArgumentNullException.ThrowIfNull(structure);
        ActivationFunctions.Check(activation);
        Plan = DanWiringPlan.Create(structure, inputSize, outputSize);
        UseLayerNorm = useLayerNorm;
        Activation = activation;

        _inputMap = CreateMap(Plan.InputMap, bias);
        foreach (var map in Plan.MainMaps)
        {
            _mainMaps.Add(CreateMap(map, bias));
        }

        var skipsInto = new List<int>[structure.LayerCount];
        for (var i = 0; i < Plan.SkipMaps.Count; i++)
        {
            _skipMaps.Add(CreateMap(Plan.SkipMaps[i], bias));
            (skipsInto[Plan.SkipMaps[i].TargetLayer] ??= new List<int>()).Add(i);
        }

        _skipsInto = Array.ConvertAll(skipsInto, list => list?.ToArray() ?? Array.Empty<int>());
        if (useLayerNorm)
        {
            for (var layer = 0; layer < structure.LayerCount; layer++)
            {
                _norms.Add(nn.LayerNorm(structure.Layers.SizeOf(layer)));
            }
        }

        _outputMap = CreateMap(Plan.OutputMap, bias);
        RegisterComponents();
    }

    /// <summary>The wiring plan the network was built from (its structure included).</summary>
    public DanWiringPlan Plan { get; }

    /// <summary>The structure the network is wired like.</summary>
    public Structure Structure => Plan.Structure;

    /// <summary>The shape of one example.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>Features per example after flattening.</summary>
    public int InputSize => Plan.InputMap.InFeatures;

    /// <summary>Outputs per example.</summary>
    public int OutputSize => Plan.OutputMap.OutFeatures;

    /// <summary>The number of hidden layers: the structure's layers.</summary>
    public int LayerCount => Structure.LayerCount;

    /// <summary>Whether each layer normalizes its main path before the activation.</summary>
    public bool UseLayerNorm { get; }

    /// <summary>The nonlinearity of the hidden layers.</summary>
    public Activation Activation { get; }

    /// <summary>The dense map from the input to layer 0.</summary>
    public MaskedLinear InputMap => _inputMap;

    /// <summary>The main maps; index <c>k-1</c> maps layer <c>k-1</c> to layer <c>k</c> (parallel to <see cref="DanWiringPlan.MainMaps"/>).</summary>
    public IReadOnlyList<MaskedLinear> MainMaps => new ReadOnlyCollection<MaskedLinear>(_mainMaps);

    /// <summary>The skip maps, parallel to <see cref="DanWiringPlan.SkipMaps"/>.</summary>
    public IReadOnlyList<MaskedLinear> SkipMaps => new ReadOnlyCollection<MaskedLinear>(_skipMaps);

    /// <summary>The dense map from the last layer to the output.</summary>
    public MaskedLinear OutputMap => _outputMap;

    /// <summary>The input map, the main maps, the skip maps (in plan order), then the output map.</summary>
    public override IEnumerable<IMaskedWeight> MaskableLayers()
    {
        yield return _inputMap;
        foreach (var map in _mainMaps)
        {
            yield return map;
        }

        foreach (var map in _skipMaps)
        {
            yield return map;
        }

        yield return _outputMap;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not <c>[batch, ..InputShape]</c>.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var flat = InputShapes.Flatten(input, _inputShape, nameof(MaskedDeepDan));
        var outputs = new Tensor[LayerCount];
        for (var layer = 0; layer < outputs.Length; layer++)
        {
            var main = layer == 0 ? _inputMap.call(flat) : _mainMaps[layer - 1].call(outputs[layer - 1]);
            if (UseLayerNorm)
            {
                main = _norms[layer].call(main);
            }

            var sum = ActivationFunctions.Apply(Activation, main);
            foreach (var skip in _skipsInto[layer])
            {
                var source = Plan.SkipMaps[skip].SourceLayer;
                // Out of place: activations such as ReLU keep their output for the backward pass.
                sum = sum.add(ActivationFunctions.Apply(Activation, _skipMaps[skip].call(outputs[source])));
            }

            outputs[layer] = sum;
        }

        return _outputMap.call(outputs[^1]).MoveToOuterDisposeScope();
    }

    private static MaskedLinear CreateMap(LayerMap map, bool bias)
    {
        var linear = new MaskedLinear(map.InFeatures, map.OutFeatures, bias);
        if (!map.IsDense)
        {
            using var mask = tensor(map.ToMask(), new long[] { map.OutFeatures, map.InFeatures });
            linear.Mask = mask;
            linear.ApplyMask();
        }

        return linear;
    }
}
