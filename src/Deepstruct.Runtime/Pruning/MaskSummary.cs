using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// What the masks of a model keep: per masked layer its shape, weights, weights kept and sparsity,
/// with totals — as data and as a text table (<see cref="ToString"/>).
/// </summary>
public sealed class MaskSummary
{
    private MaskSummary(IReadOnlyList<MaskedLayerSummary> layers, long parameters)
    {
        Layers = layers;
        Parameters = parameters;
    }

    /// <summary>The masked layers, in <see cref="MaskedWeights.Of"/> order.</summary>
    public IReadOnlyList<MaskedLayerSummary> Layers { get; }

    /// <summary>Entries over all masked layers.</summary>
    public long TotalWeights => Layers.Sum(layer => layer.Weights);

    /// <summary>Entries kept over all masked layers.</summary>
    public long KeptWeights => Layers.Sum(layer => layer.Kept);

    /// <summary>The masked fraction over all masked layers, in [0, 1].</summary>
    public double Sparsity => TotalWeights == 0 ? 0 : (double)(TotalWeights - KeptWeights) / TotalWeights;

    /// <summary>
    /// The model's stored trainable values (all parameters, masked or not, norms and biases included): what
    /// the optimizer updates and a checkpoint holds. For a <see cref="MaskedDeepDan"/> this is
    /// <see cref="MaskedDeepDan.ParameterCount"/>: edges + input map + output map + biases (+ norms) when its maps
    /// are stored per edge, the dense fused entries in the edges' place when they are stored fused.
    /// </summary>
    public long Parameters { get; }

    /// <summary>Summarizes the masks of <paramref name="model"/> (a model without masked layers gives an empty summary).</summary>
    public static MaskSummary Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = MaskedWeights.Of(model);
        var names = MaskedWeights.Names(model, layers);
        var rows = new MaskedLayerSummary[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            rows[i] = new MaskedLayerSummary(i, names[i], layers[i].Weight.shape, layers[i].Capacity, layers[i].WeightCount);
        }

        long parameters = 0;
        foreach (var parameter in model.parameters())
        {
            parameters += parameter.NumberOfElements;
        }

        return new MaskSummary(rows, parameters);
    }

    /// <summary>The summary as a fixed-width text table with a totals line and the model's parameter count (culture-invariant).</summary>
    public override string ToString()
    {
        var header = new[] { "#", "layer", "shape", "weights", "kept", "sparsity" };
        var rows = Layers.Select(layer => new[]
        {
            layer.Position.ToString(CultureInfo.InvariantCulture),
            layer.Name,
            MaskedLinear.Describe(layer.Shape.ToArray()),
            Number(layer.Weights),
            Number(layer.Kept),
            Percent(layer.Sparsity),
        }).ToList();
        rows.Add(new[] { string.Empty, "total", string.Empty, Number(TotalWeights), Number(KeptWeights), Percent(Sparsity) });

        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Append(header).Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        AppendRow(text, header, widths);
        text.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1)
            {
                text.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
            }

            AppendRow(text, rows[r], widths);
        }

        text.Append("parameters ").Append(Number(Parameters)).Append('\n');
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            // Names and shapes read left to right; numbers line up on the right.
            var cell = c is 1 or 2 ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]);
            text.Append(cell);
            if (c < cells.Length - 1)
            {
                text.Append("  ");
            }
        }

        text.Append('\n');
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
