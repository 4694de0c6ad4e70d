using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A model seen as neurons: groups of hidden neurons (an FFN's hidden layers, a DAN's structure
/// layers) joined by masked maps, each map's row a neuron of its target and its column a neuron of
/// its source. A hidden neuron's value is the sum, over the maps into its group, of the map's
/// activation of its row; the output map has no activation. What neuron pruning and compaction read.
/// </summary>
internal sealed class NeuronGraph
{
    // Modules that act on each value alone: between two MaskedLinear layers they keep neuron i the input i of the next.
    private static readonly HashSet<Type> Elementwise = new()
    {
        typeof(ReLU), typeof(ReLU6), typeof(Tanh), typeof(Sigmoid), typeof(GELU), typeof(LeakyReLU), typeof(ELU),
        typeof(SELU), typeof(CELU), typeof(SiLU), typeof(Mish), typeof(Softplus), typeof(Hardtanh), typeof(Hardswish),
        typeof(Hardsigmoid), typeof(Identity), typeof(Dropout), typeof(Softsign), typeof(Tanhshrink),
    };

    private NeuronGraph(string model, int[] groupSizes, string[] groupNames, NeuronMap[] maps)
    {
        Model = model;
        GroupSizes = groupSizes;
        GroupNames = groupNames;
        Maps = maps;
    }

    /// <summary>The model's type name, for messages.</summary>
    public string Model { get; }

    /// <summary>The number of neurons of each hidden group, from the input on.</summary>
    public IReadOnlyList<int> GroupSizes { get; }

    /// <summary>A readable name of each group (<c>hidden layer 0</c>, <c>layer 3</c>).</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>The maps, every source group before its target.</summary>
    public IReadOnlyList<NeuronMap> Maps { get; }

    /// <summary>The group index the output maps write.</summary>
    public int OutputGroup => GroupSizes.Count;

    /// <summary>The neurons of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The model's neurons do not correspond clearly to rows and columns of masked maps; the message names its type.</exception>
    public static NeuronGraph Of(nn.Module model, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(model, parameterName);
        return model switch
        {
            MaskedDeepFfn ffn => OfFfn(ffn),
            MaskedDeepDan dan => OfDan(dan),
            Sequential sequential => OfSequential(sequential, parameterName),
            _ => throw Unsupported(model, parameterName, "its neurons do not correspond to rows and columns of masked maps"),
        };
    }

    /// <summary>The error for a module neuron pruning cannot read.</summary>
    public static ArgumentException Unsupported(nn.Module model, string parameterName, string why) =>
        new($"Neurons can be pruned in a MaskedDeepFfn, a MaskedDeepDan (and the models generated from them) or an nn.Sequential of MaskedLinear layers with only elementwise modules between them; {model.GetType().Name} ('{model.GetName()}') is none of these: {why}.", parameterName);

    private static NeuronGraph OfFfn(MaskedDeepFfn ffn)
    {
        var layers = ffn.Layers;
        var maps = new NeuronMap[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            maps[i] = new NeuronMap(layers[i], i - 1, i, i < layers.Count - 1 ? ffn.Activation : null);
        }

        var names = Enumerable.Range(0, ffn.HiddenSizes.Count).Select(i => string.Format(CultureInfo.InvariantCulture, "hidden {0} (layers.{0})", i)).ToArray();
        return new NeuronGraph(ffn.GetType().Name, ffn.HiddenSizes.ToArray(), names, maps);
    }

    private static NeuronGraph OfDan(MaskedDeepDan dan)
    {
        var structure = dan.Structure;
        var layerCount = structure.LayerCount;
        var maps = new List<NeuronMap> { new(dan.InputMap, -1, 0, dan.Activation) };
        maps.AddRange(dan.MainMaps.Select(map => new NeuronMap(map, map.SourceLayer, map.TargetLayer, dan.Activation)));
        maps.AddRange(dan.SkipMaps.Select(map => new NeuronMap(map, map.SourceLayer, map.TargetLayer, dan.Activation)));
        maps.Add(new NeuronMap(dan.OutputMap, layerCount - 1, layerCount, null));
        var names = Enumerable.Range(0, layerCount).Select(k => "layer " + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new NeuronGraph(dan.GetType().Name, structure.Layers.LayerSizes(), names, maps.ToArray());
    }

    private static NeuronGraph OfSequential(Sequential sequential, string parameterName)
    {
        var linears = new List<(MaskedLinear Layer, string Name)>();
        string? between = null;
        foreach (var (name, child) in sequential.named_children())
        {
            if (child is MaskedLinear linear)
            {
                if (between is not null)
                {
                    throw Unsupported(sequential, parameterName, $"{between} between two MaskedLinear layers is not elementwise");
                }

                if (linears.Count > 0 && linears[^1].Layer.OutFeatures != linear.InFeatures)
                {
                    throw Unsupported(sequential, parameterName, $"'{linears[^1].Name}' gives {linears[^1].Layer.OutFeatures} values but '{name}' reads {linear.InFeatures}");
                }

                linears.Add((linear, name));
            }
            else if (linears.Count > 0 && between is null && !Elementwise.Contains(child.GetType()))
            {
                // Only what lies between two MaskedLinear layers matters; this is checked when the next one comes.
                between = $"'{name}' ({child.GetType().Name})";
            }
        }

        if (linears.Count < 2)
        {
            throw Unsupported(sequential, parameterName, $"it has {linears.Count} MaskedLinear layer(s), so no hidden neurons");
        }

        var maps = new NeuronMap[linears.Count];
        for (var i = 0; i < linears.Count; i++)
        {
            maps[i] = new NeuronMap(linears[i].Layer, i - 1, i, null);
        }

        var sizes = linears.Take(linears.Count - 1).Select(layer => (int)layer.Layer.OutFeatures).ToArray();
        var names = linears.Take(linears.Count - 1).Select(layer => $"output of '{layer.Name}'").ToArray();
        return new NeuronGraph(sequential.GetType().Name, sizes, names, maps);
    }
}
