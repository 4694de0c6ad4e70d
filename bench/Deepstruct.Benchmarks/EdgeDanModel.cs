using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>
/// Issue #13's edge-proportional DAN for benchmarks until MaskedDeepDan integrates it: the dense input
/// map, ReLU, the main and skip maps as <see cref="EdgeDanMaps"/>, the dense output map (no layer norm).
/// </summary>
internal sealed class EdgeDanModel : nn.Module<Tensor, Tensor>
{
    private readonly MaskedLinear input_map;
    private readonly EdgeDanMaps maps;
    private readonly MaskedLinear output_map;

    public EdgeDanModel(int inputSize, int outputSize, Structure structure)
        : base(nameof(EdgeDanModel))
    {
        var plan = DanWiringPlan.Create(structure, inputSize, outputSize);
        var layout = EdgeDanLayout.Create(plan);
        input_map = new MaskedLinear(inputSize, plan.InputMap.OutFeatures);
        maps = new EdgeDanMaps(plan, layout, new bool[structure.LayerCount], Activation.ReLU, bias: true);
        output_map = new MaskedLinear(plan.OutputMap.InFeatures, outputSize);
        RegisterComponents();
    }

    public EdgeDanLayout Layout => maps.Layout;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var out0 = nn.functional.relu(input_map.call(input));
        return output_map.call(maps.call(out0)).MoveToOuterDisposeScope();
    }
}
