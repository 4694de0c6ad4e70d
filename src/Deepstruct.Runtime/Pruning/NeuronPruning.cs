using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Structured pruning: removes whole hidden neurons — an FFN's hidden units, a DAN's vertices — by
/// masking every weight into and out of them, with the amounts, scopes and tie rule of
/// <see cref="Pruning"/>.
/// </summary>
/// <remarks>
/// <para>
/// A pruned neuron's incoming weights (its row in every map into its layer), its outgoing weights (its
/// column in every map reading it, the output map included) and its biases (in every map into its layer)
/// are masked or set to zero. With its outgoing weights masked it no longer affects the output, whatever
/// its activation gives at zero; <see cref="Compaction"/> then removes it.
/// </para>
/// <para>
/// Candidates are the neurons still present — with at least one unmasked incoming or outgoing weight
/// (N of them) — so pruning composes. Amounts: a percentage prunes exactly ⌊p·N/100⌋, an absolute count
/// exactly k, a bucket the least salient while their summed saliency stays ≤ b. Scope: all layers ranked
/// together, or each layer its own share (an absolute count shared in proportion to the layers'
/// present neurons, largest remainders first). Ties: ascending saliency, then the earlier layer, then
/// the lower neuron index.
/// </para>
/// </remarks>
public static class NeuronPruning
{
    /// <summary>Prunes the least salient hidden neurons of <paramref name="model"/>.</summary>
    /// <param name="model">
    /// A <see cref="MaskedDeepFfn"/> (hidden units), a <see cref="MaskedDeepDan"/> (vertices; a layer is a
    /// structure layer), a model generated from either, or an <c>nn.Sequential</c> of <see cref="MaskedLinear"/>
    /// layers with only elementwise modules (activations, dropout) between them.
    /// </param>
    /// <param name="value">The amount, read as <paramref name="strategy"/> says, in neurons.</param>
    /// <param name="strategy">Percentage of the present neurons (default), absolute count, or saliency bucket.</param>
    /// <param name="saliency">Where saliencies come from; <see langword="null"/> for <see cref="NeuronSaliency.Magnitude"/> (L2 of incoming and outgoing weights).</param>
    /// <param name="scope">Global (default) or per layer.</param>
    /// <returns>Which neurons each layer lost.</returns>
    /// <exception cref="ArgumentException">
    /// The model's neurons are not clear (the message names its type), the value is out of range for the
    /// strategy, the scope is unknown, or a saliency has the wrong shape or a NaN.
    /// </exception>
    public static NeuronPruningResult Prune(nn.Module model, double value, PruningStrategy strategy = PruningStrategy.Percentage, NeuronSaliency? saliency = null, PruningScope scope = PruningScope.Global)
    {
        var graph = NeuronGraph.Of(model, nameof(model));
        Pruning.CheckValue(value, strategy);
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, $"scope = {scope} is not a PruningScope.");
        }

        // Read once: which neurons are present, and the magnitude saliency, both come from the unmasked entries.
        var entries = UnmaskedEntries.Of(graph, withBias: false);
        var present = Present(graph, entries);
        var candidates = present.Select(mask => new NeuronCandidates(mask.clone())).ToArray();
        var saliencies = (saliency ?? NeuronSaliency.Magnitude()).Compute(model, graph, entries);
        var selection = new List<SelectionLayer>(candidates.Length);
        try
        {
            for (var g = 0; g < candidates.Length; g++)
            {
                selection.Add(new SelectionLayer(candidates[g], g, saliencies[g], ScalarType.Float64));
            }

            var counts = Pruning.Run<double, DoubleCodec>(selection, value, strategy, scope == PruningScope.Global);
            var pruned = new Tensor[candidates.Length];
            for (var g = 0; g < candidates.Length; g++)
            {
                if (counts[g] > 0)
                {
                    selection[g].Commit();
                }

                pruned[g] = present[g].logical_and(candidates[g].Mask.logical_not());
            }

            NeuronMapWrites.MaskNeurons(graph, pruned.Select((mask, g) => counts[g] > 0 ? mask : null).ToArray());

            var indices = pruned.Select(mask => (IReadOnlyList<int>)Array.ConvertAll(mask.nonzero().flatten().data<long>().ToArray(), index => (int)index)).ToArray();
            foreach (var mask in pruned)
            {
                mask.Dispose();
            }

            return new NeuronPruningResult(graph.Model, graph.GroupNames, graph.GroupSizes, selection.Select(layer => layer.Unmasked).ToArray(), indices);
        }
        finally
        {
            foreach (var layer in selection)
            {
                layer.Dispose();
            }

            foreach (var tensor in saliencies.Concat(present))
            {
                tensor.Dispose();
            }

            foreach (var candidate in candidates)
            {
                candidate.Dispose();
            }
        }
    }

    /// <summary>For each group, which neurons still have an unmasked incoming or outgoing weight (CPU bool vectors), read from each map's unmasked entries.</summary>
    internal static Tensor[] Present(NeuronGraph graph, UnmaskedEntries[] all)
    {
        var present = graph.GroupSizes.Select(size => new bool[size]).ToArray();
        for (var m = 0; m < all.Length; m++)
        {
            var (map, entries) = (graph.Maps[m], all[m]);
            for (var i = 0; i < entries.Count; i++)
            {
                if (map.Target < graph.OutputGroup)
                {
                    present[map.Target][entries.Row[i]] = true;
                }

                if (map.Source >= 0)
                {
                    present[map.Source][entries.Column[i]] = true;
                }
            }
        }

        return present.Select(flags => tensor(flags)).ToArray();
    }
}
