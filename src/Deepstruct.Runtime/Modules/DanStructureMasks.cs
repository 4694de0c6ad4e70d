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
        return string.Format(
            CultureInfo.InvariantCulture,
            "The mask '{0}' is wider than the model's structure: {1} {2}",
            key,
            name,
            Beyond(plan.Structure, map, index / map.InFeatures, index % map.InFeatures));
    }

    /// <summary>What is wrong with an unmasked (row, column) of <paramref name="map"/> that is no edge: the message's tail, shared by the load check and the map views.</summary>
    public static string Beyond(Structure structure, LayerMap map, long row, long column) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "(layer {0} → {1}) unmasks row {2}, column {3}, a connection from vertex {4} to vertex {5} that the structure does not have. "
            + "A mask may be narrower than the structure (pruned), never wider.",
            map.SourceLayer,
            map.TargetLayer,
            row,
            column,
            structure.VerticesOf(map.SourceLayer)[(int)column],
            structure.VerticesOf(map.TargetLayer)[(int)row]);

    /// <summary>
    /// One map's edges as a <c>[OutFeatures, InFeatures]</c> bool mask: O(the map's entries), so checking one
    /// map never builds the whole network's mask (pruning sets every map's mask in turn).
    /// </summary>
    public static Tensor MapConnections(LayerMap map, Device device)
    {
        var positions = new long[map.ConnectionCount];
        var rows = map.Rows;
        var columns = map.Columns;
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = ((long)rows[i] * map.InFeatures) + columns[i];
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var allowed = zeros((long)map.OutFeatures * map.InFeatures, dtype: ScalarType.Bool, device: device);
        allowed.index_fill_(0, tensor(positions, device: device), TorchScalars.True);
        return allowed.view(map.OutFeatures, map.InFeatures).MoveToOuterDisposeScope();
    }
}
