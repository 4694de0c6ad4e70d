using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Deepstruct;

/// <summary>
/// What one call of <see cref="NeuronPruning.Prune"/> removed: per layer of hidden neurons, how many
/// were present, how many were pruned and which. <see cref="ToString"/> prints a table.
/// </summary>
public sealed class NeuronPruningResult
{
    internal NeuronPruningResult(string model, IReadOnlyList<string> layers, IReadOnlyList<int> sizes, IReadOnlyList<long> presentBefore, IReadOnlyList<IReadOnlyList<int>> pruned)
    {
        Model = model;
        Layers = layers;
        Sizes = sizes;
        PresentBeforePerLayer = presentBefore;
        PrunedNeurons = pruned;
        PrunedPerLayer = pruned.Select(list => (long)list.Count).ToArray();
        PresentBefore = presentBefore.Sum();
        Pruned = PrunedPerLayer.Sum();
    }

    /// <summary>The model's type name.</summary>
    public string Model { get; }

    /// <summary>The layers of hidden neurons, by name (<c>hidden 0 (layers.0)</c>, <c>layer 2</c>).</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>Each layer's number of neurons, present or not.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The neurons present before the call (with an unmasked weight in or out), over all layers: the candidates.</summary>
    public long PresentBefore { get; }

    /// <summary>The neurons the call pruned, over all layers.</summary>
    public long Pruned { get; }

    /// <summary>The neurons present after the call.</summary>
    public long PresentAfter => PresentBefore - Pruned;

    /// <summary>Per layer (parallel to <see cref="Layers"/>), the neurons present before the call.</summary>
    public IReadOnlyList<long> PresentBeforePerLayer { get; }

    /// <summary>Per layer, the neurons the call pruned.</summary>
    public IReadOnlyList<long> PrunedPerLayer { get; }

    /// <summary>Per layer, the indices (within the layer, ascending) of the neurons the call pruned.</summary>
    public IReadOnlyList<IReadOnlyList<int>> PrunedNeurons { get; }

    /// <summary>
    /// A heading sentence and a table, culture-invariant:
    /// <code>
    /// pruned 200 of 400 neurons (50.00 %) of MaskedDeepFfn, 200 left
    /// layer                neurons  present  pruned  left
    /// hidden 0 (layers.0)      300      300     150   150
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var share = PresentBefore == 0 ? 0 : (double)Pruned / PresentBefore;
        var text = new StringBuilder();
        text.Append(string.Format(CultureInfo.InvariantCulture, "pruned {0} of {1} neurons ({2:0.00} %) of {3}, {4} left\n", Number(Pruned), Number(PresentBefore), share * 100, Model, Number(PresentAfter)));
        var rows = new List<string[]> { Header };
        for (var i = 0; i < Layers.Count; i++)
        {
            rows.Add(new[] { Layers[i], Number(Sizes[i]), Number(PresentBeforePerLayer[i]), Number(PrunedPerLayer[i]), Number(PresentBeforePerLayer[i] - PrunedPerLayer[i]) });
        }

        TextTable.Append(text, rows);
        return text.ToString();
    }

    private static readonly string[] Header = { "layer", "neurons", "present", "pruned", "left" };

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
