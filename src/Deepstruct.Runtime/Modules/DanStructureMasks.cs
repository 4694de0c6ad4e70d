using System.Globalization;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Checks the fused main and skip masks of a <see cref="MaskedDeepDan"/> against its structure: an
/// unmasked entry must be an edge. A checkpoint of a DAN on another structure with the same layer
/// sizes has masks of the same shapes, so TorchSharp's shape checks let it through; this does not.
/// </summary>
internal static class DanStructureMasks
{
    /// <summary>Describes the first entry of <paramref name="fusedMask"/> unmasked where the structure has no edge, or returns <see langword="null"/>.</summary>
    /// <param name="plan">The DAN's wiring plan.</param>
    /// <param name="layout">Where each map lies in the fused mask.</param>
    /// <param name="fusedMask">The fused mask buffer.</param>
    /// <param name="key">The mask's state_dict key, for the message.</param>
    public static string? FindBeyond(DanWiringPlan plan, FusedDanLayout layout, Tensor fusedMask, string key)
    {
        long first;
        using (NewDisposeScope())
        using (no_grad())
        {
            var allowed = Connections(plan, layout, fusedMask.device);
            var beyond = fusedMask.logical_and(allowed.logical_not());
            if (!beyond.any().item<bool>())
            {
                return null;
            }

            // argmax returns the first maximal entry: the first unmasked non-edge in flat order.
            first = beyond.to_type(ScalarType.Byte).argmax().item<long>();
        }

        return Describe(plan, layout, first, key);
    }

    /// <summary>The fused mask a structure allows: true exactly at the entries that are edges.</summary>
    /// <param name="plan">The DAN's wiring plan.</param>
    /// <param name="layout">Where each map lies in the fused mask.</param>
    /// <param name="device">Where the mask is made.</param>
    public static Tensor Connections(DanWiringPlan plan, FusedDanLayout layout, Device device)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var allowed = zeros(layout.TotalWeights, dtype: ScalarType.Bool, device: device);
        allowed.index_fill_(0, tensor(layout.ConnectionPositions(plan), device: device), TorchScalars.True);
        return allowed.MoveToOuterDisposeScope();
    }

    private static string Describe(DanWiringPlan plan, FusedDanLayout layout, long flat, string key)
    {
        for (var i = 0; i < plan.MainMaps.Count; i++)
        {
            if (Within(plan.MainMaps[i], layout.MainWeightOffsets[i], flat))
            {
                return Message(plan, plan.MainMaps[i], "main_maps." + i.ToString(CultureInfo.InvariantCulture), layout.MainWeightOffsets[i], flat, key);
            }
        }

        for (var s = 0; s < plan.SkipMaps.Count; s++)
        {
            if (Within(plan.SkipMaps[s], layout.SkipWeightOffsets[s], flat))
            {
                return Message(plan, plan.SkipMaps[s], "skip_maps." + s.ToString(CultureInfo.InvariantCulture), layout.SkipWeightOffsets[s], flat, key);
            }
        }

        // Unreachable: the maps tile the fused mask.
        return string.Format(CultureInfo.InvariantCulture, "The mask '{0}' unmasks entry {1}, which the structure does not connect.", key, flat);
    }

    private static bool Within(LayerMap map, long offset, long flat) =>
        flat >= offset && flat < offset + ((long)map.OutFeatures * map.InFeatures);

    private static string Message(DanWiringPlan plan, LayerMap map, string name, long offset, long flat, string key)
    {
        var index = flat - offset;
        var row = (int)(index / map.InFeatures);
        var column = (int)(index % map.InFeatures);
        var source = plan.Structure.VerticesOf(map.SourceLayer)[column];
        var target = plan.Structure.VerticesOf(map.TargetLayer)[row];
        return string.Format(
            CultureInfo.InvariantCulture,
            "The mask '{0}' is wider than the model's structure: {1} (layer {2} → {3}) unmasks row {4}, column {5}, a connection from vertex {6} to vertex {7} that the structure does not have. "
            + "A mask may be narrower than the structure (pruned), never wider.",
            key,
            name,
            map.SourceLayer,
            map.TargetLayer,
            row,
            column,
            source,
            target);
    }
}
