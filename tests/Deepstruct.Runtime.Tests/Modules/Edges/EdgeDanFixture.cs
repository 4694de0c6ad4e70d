using Deepstruct.Structures;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules.Edges;

/// <summary>Small structures, a dense MaskedDeepDan copied into EdgeDanMaps, and the whole DAN run through the edge maps.</summary>
internal static class EdgeDanFixture
{
    public static readonly string[] StructureNames = { "skips", "edgeless-rows", "ws100", "dag200" };

    public static readonly Activation[] Activations = Enum.GetValues<Activation>();

    public static Structure Named(string name) => name switch
    {
        // Layers {0,1,2} → {3,4} → {5} → {6,7}: skips 0→2 and 0→3, a layer of one vertex.
        "skips" => new StructureBuilder(8).AddEdge(0, 3).AddEdge(1, 3).AddEdge(2, 4).AddEdge(3, 5).AddEdge(4, 5)
            .AddEdge(5, 6).AddEdge(5, 7).AddEdge(0, 5).AddEdge(1, 6).AddEdge(2, 7).Build(),
        // Layers {0,1} → {2} → {3,4,5} → {6}: the skip map 0→2 has one edge (0→4), so rows 3 and 5 are edgeless.
        "edgeless-rows" => new StructureBuilder(7).AddEdge(0, 2).AddEdge(1, 2).AddEdge(2, 3).AddEdge(2, 4).AddEdge(2, 5)
            .AddEdge(0, 4).AddEdge(3, 6).Build(),
        "ws100" => StructureFamilies.WattsStrogatz(100, 4, 0.5, 1),
        "dag200" => StructureFamilies.RandomDag(200, 0.05, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown structure"),
    };

    public static bool[] Normalized(MaskedDeepDan dan) => Enumerable.Range(0, dan.LayerCount).Select(dan.HasLayerNorm).ToArray();

    /// <summary>The dense DAN's norms by layer.</summary>
    public static Dictionary<int, LayerNorm> Norms(MaskedDeepDan dan)
    {
        var modules = dan.named_modules().Where(m => m.name.StartsWith("norms.", StringComparison.Ordinal)).ToDictionary(m => m.name, m => (LayerNorm)m.module);
        var byLayer = new Dictionary<int, LayerNorm>();
        var next = 0;
        for (var k = 0; k < dan.LayerCount; k++)
        {
            if (dan.HasLayerNorm(k))
            {
                byLayer[k] = modules[$"norms.{next++}"];
            }
        }

        return byLayer;
    }

    /// <summary>Edge maps holding <paramref name="dan"/>'s main and skip maps and norms (layers ≥ 1), in its dtype.</summary>
    public static EdgeDanMaps EdgesOf(MaskedDeepDan dan)
    {
        var plan = dan.Plan;
        var maps = new EdgeDanMaps(plan, EdgeDanLayout.Create(plan), Normalized(dan), dan.Activation, bias: dan.InputMap.bias is not null);
        maps.to(dan.InputMap.weight.dtype);
        maps.CopyFromFused(FusedDanLayout.Create(plan), dan.FusedWeight, dan.FusedBias, dan.FusedMask);
        using (no_grad())
        {
            foreach (var (layer, norm) in Norms(dan).Where(n => n.Key >= 1))
            {
                using var weight = maps.NormWeightOf(layer);
                using var bias = maps.NormBiasOf(layer);
                weight.copy_(norm.weight!);
                bias.copy_(norm.bias!);
            }
        }

        return maps;
    }

    /// <summary>The whole DAN with <paramref name="maps"/> in place of its main and skip maps.</summary>
    public static Tensor Forward(MaskedDeepDan dan, EdgeDanMaps maps, Tensor input)
    {
        using var scope = NewDisposeScope();
        var main = dan.InputMap.call(input.reshape(input.shape[0], -1));
        if (dan.HasLayerNorm(0))
        {
            main = Norms(dan)[0].call(main);
        }

        var out0 = DanReference.Activate(dan.Activation, main);
        return dan.OutputMap.call(maps.call(out0)).MoveToOuterDisposeScope();
    }

    /// <summary>Masks about a quarter of the dense DAN's edges (and of its input and output maps).</summary>
    public static void PruneRandomly(MaskedDeepDan dan, long seed)
    {
        var generator = new torch.Generator((ulong)seed);
        foreach (var layer in dan.MaskableLayers())
        {
            using var keep = torch.rand(layer.Mask.shape, generator: generator).gt(0.25);
            using var mask = layer.Mask.logical_and(keep);
            layer.Mask = mask;
        }
    }

    /// <summary>max |a − b| / max(1, max |b|).</summary>
    public static double RelativeDifference(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        var scale = Math.Max(1.0, expected.abs().max().to_type(ScalarType.Float64).item<double>());
        return actual.sub(expected).abs().max().to_type(ScalarType.Float64).item<double>() / scale;
    }
}
