using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Deepstruct;

/// <summary>
/// A compacted model and what compaction removed: per layer of hidden neurons, how many were kept,
/// folded as constants, removed or added as placeholders, and parameter counts before and after.
/// <see cref="ToString"/> prints a table.
/// </summary>
/// <typeparam name="TModel">The model's kind: <see cref="MaskedDeepFfn"/> or <see cref="MaskedDeepDan"/> (also for generated models).</typeparam>
public sealed class CompactionResult<TModel>
    where TModel : MaskableModule
{
    private static readonly string[] Header = { "layer", "neurons", "kept", "folded", "removed", "placeholders", "after" };

    internal CompactionResult(TModel model, string before, IReadOnlyList<CompactedLayer> layers, long parametersBefore, long parametersAfter, long weightsBefore, long weightsAfter)
    {
        Model = model;
        Before = before;
        Layers = layers;
        ParametersBefore = parametersBefore;
        ParametersAfter = parametersAfter;
        UnmaskedWeightsBefore = weightsBefore;
        UnmaskedWeightsAfter = weightsAfter;
    }

    /// <summary>The compacted model: a new module of the runtime kind, on the original's dtype and device. The caller owns it.</summary>
    public TModel Model { get; }

    /// <summary>The original model's type name.</summary>
    public string Before { get; }

    /// <summary>Per layer of hidden neurons, what happened to it.</summary>
    public IReadOnlyList<CompactedLayer> Layers { get; }

    /// <summary>The original model's parameter entries (weights, biases, norms; masked entries included).</summary>
    public long ParametersBefore { get; }

    /// <summary>The compacted model's parameter entries.</summary>
    public long ParametersAfter { get; }

    /// <summary>The original model's unmasked weights.</summary>
    public long UnmaskedWeightsBefore { get; }

    /// <summary>The compacted model's unmasked weights (masked placeholders not counted).</summary>
    public long UnmaskedWeightsAfter { get; }

    /// <summary>
    /// A heading sentence and a table, culture-invariant:
    /// <code>
    /// compacted MaskedDeepFfn: 400 → 200 hidden neurons, parameters 266,610 → 100,710, unmasked weights 266,200 → 100,000
    /// layer                neurons  kept  folded  removed  placeholders  after
    /// hidden 0 (layers.0)      300   150       0      150             0    150
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(string.Format(
            CultureInfo.InvariantCulture,
            "compacted {0} into {1}: {2} → {3} hidden neurons, parameters {4} → {5}, unmasked weights {6} → {7}\n",
            Before,
            Model.GetType().Name,
            Number(Layers.Sum(layer => layer.Before)),
            Number(Layers.Sum(layer => layer.After)),
            Number(ParametersBefore),
            Number(ParametersAfter),
            Number(UnmaskedWeightsBefore),
            Number(UnmaskedWeightsAfter)));
        var rows = new List<string[]> { Header };
        rows.AddRange(Layers.Select(layer => new[] { layer.Name, Number(layer.Before), Number(layer.Kept), Number(layer.Folded), Number(layer.Removed), Number(layer.Placeholders), Number(layer.After) }));
        TextTable.Append(text, rows);
        return text.ToString();
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
