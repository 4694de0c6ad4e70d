using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// The layers of a DAN stored in fused groups, after its input map: one owner of how the per-layer steps
/// (<see cref="DanLayerStep"/>) combine main paths, norms, activations and skip pieces. The model's forward
/// pass multiplies each group densely; sparse inference multiplies it from its unmasked weights.
/// </summary>
internal static class DanGroupForward
{
    /// <summary>The last layer's output.</summary>
    /// <param name="steps">The network's steps, one per layer.</param>
    /// <param name="inputMapped">The input map's output: layer 0's main path, raw.</param>
    /// <param name="activation">The network's activation.</param>
    /// <param name="normalize">Applies the norm of the given index.</param>
    /// <param name="multiplyGroup">The fused group leaving the given layer (with its <see cref="DanGroupSend"/>) of that layer's output, biases included: <c>[batch, send.Rows]</c>.</param>
    public static Tensor Run(DanLayerStep[] steps, Tensor inputMapped, Activation activation, Func<int, Tensor, Tensor> normalize, Func<int, DanGroupSend, Tensor, Tensor> multiplyGroup)
    {
        // sent[j]: group j's pieces — the main path into j+1, then its skip contributions (see DanGroupSend).
        var sent = new Tensor[steps.Length][];
        Tensor current = null!;
        foreach (var step in steps)
        {
            var main = step.Layer == 0 ? inputMapped : sent[step.Layer - 1][0];
            if (step.ActivatesMain)
            {
                main = ActivationFunctions.Apply(activation, step.Norm >= 0 ? normalize(step.Norm, main) : main);
            }

            current = AddSkips(main, step.Incoming, sent);
            if (step.Send is { } send)
            {
                sent[step.Layer] = Split(multiplyGroup(step.Layer, send, current), send, activation);
            }
        }

        return current;
    }

    /// <summary>
    /// <c>main + Σ skips</c>, the skips in ascending source order as deepstruct adds them. Out of place:
    /// activations such as ReLU keep their output for the backward pass. Many skips are stacked and
    /// summed in one reduction rather than added one operation each.
    /// </summary>
    private static Tensor AddSkips(Tensor main, (int Source, int Piece)[] incoming, Tensor[][] sent)
    {
        if (incoming.Length == 1)
        {
            foreach (var (source, piece) in incoming)
            {
                main = main.add(sent[source][piece]);
            }

            return main;
        }

        if (incoming.Length == 0)
        {
            return main;
        }

        var terms = new Tensor[incoming.Length + 1];
        terms[0] = main;
        for (var i = 0; i < incoming.Length; i++)
        {
            terms[i + 1] = sent[incoming[i].Source][incoming[i].Piece];
        }

        return stack(terms).sum(0L);
    }

    /// <summary>
    /// A group's pieces: all activated, or, when its target normalizes its main path first, that piece
    /// raw and the skip pieces activated.
    /// </summary>
    private static Tensor[] Split(Tensor group, DanGroupSend send, Activation activation)
    {
        if (!send.MainLeavesRaw)
        {
            return ActivationFunctions.Apply(activation, group).split(send.PieceRows, 1);
        }

        if (send.PieceRows.Length == 1)
        {
            return new[] { group };
        }

        var parts = group.split(send.MainAndRest, 1);
        var skips = ActivationFunctions.Apply(activation, parts[1]).split(send.PieceRows[1..], 1);
        var result = new Tensor[send.PieceRows.Length];
        result[0] = parts[0];
        skips.CopyTo(result, 1);
        return result;
    }
}
