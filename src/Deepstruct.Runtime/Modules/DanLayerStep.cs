using System;

namespace Deepstruct;

/// <summary>
/// What one layer of a <see cref="MaskedDeepDan"/> does in the forward pass, decided once when the
/// network is built: whether its main path arrives raw (and is then normalized and activated here),
/// which skip pieces it adds, and how its fused group is sent on to later layers.
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Norm">Its norm's index among the network's norms, or -1 when it has none.</param>
/// <param name="ActivatesMain">
/// Whether the main path arrives raw and is normalized (where <paramref name="Norm"/> is set) and
/// activated here: layer 0's comes from the input map, a normalized layer's is sent raw. Any other
/// layer's main path arrives activated with the rest of its source's group.
/// </param>
/// <param name="Incoming">The skip pieces added into the layer, as (source group, piece), by ascending source (as deepstruct adds them).</param>
/// <param name="Send">How the layer's group is computed and split, or <see langword="null"/> for the last layer (the dense representation only).</param>
internal sealed record DanLayerStep(int Layer, int Norm, bool ActivatesMain, (int Source, int Piece)[] Incoming, DanGroupSend? Send)
{
    /// <summary>The steps of a network with the fused layout <paramref name="layout"/> and the norm of each layer (-1: none).</summary>
    public static DanLayerStep[] Plan(FusedDanLayout layout, int[] normOfLayer)
    {
        var steps = new DanLayerStep[normOfLayer.Length];
        for (var layer = 0; layer < steps.Length; layer++)
        {
            DanGroupSend? send = null;
            if (layer < layout.GroupCount)
            {
                var pieces = layout.PieceRows[layer];
                var mainLeavesRaw = normOfLayer[layer + 1] >= 0;
                send = new DanGroupSend(layout.GroupRows[layer], layout.GroupColumns[layer], pieces, mainLeavesRaw, new[] { pieces[0], layout.GroupRows[layer] - pieces[0] });
            }

            steps[layer] = new DanLayerStep(layer, normOfLayer[layer], layer == 0 || normOfLayer[layer] >= 0, layer < layout.Incoming.Length ? layout.Incoming[layer] : Array.Empty<(int, int)>(), send);
        }

        return steps;
    }
}

/// <summary>How one fused group leaves its layer.</summary>
/// <param name="Rows">The group's rows (its maps' target vertices).</param>
/// <param name="Columns">The group's columns (its source layer's size).</param>
/// <param name="PieceRows">The rows of its pieces: the main map, then its skip maps by ascending target.</param>
/// <param name="MainLeavesRaw">Whether the main piece leaves raw, since its target normalizes it before the activation; every other piece leaves activated.</param>
/// <param name="MainAndRest">The split sizes main, then the rest, used when <paramref name="MainLeavesRaw"/>.</param>
internal sealed record DanGroupSend(long Rows, int Columns, long[] PieceRows, bool MainLeavesRaw, long[] MainAndRest);
