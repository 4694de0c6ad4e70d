using System.Globalization;
using System.Text;

namespace Deepstruct.FashionMnistSample;

/// <summary>Writes the results as a markdown table and as CSV (raw runs, summary, per-layer weights).</summary>
public static class ResultsWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The markdown table: one row per method and level, then a row per missing method.</summary>
    /// <param name="summaries">The measured rows.</param>
    /// <param name="missing">Methods not measured, with the reason.</param>
    /// <param name="denseWeights">The dense network's weights, the 100 % of the "of dense" column.</param>
    public static string MarkdownTable(IReadOnlyList<ResultSummary> summaries, IReadOnlyList<MissingMethod> missing, long denseWeights)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(missing);
        var text = new StringBuilder();
        text.AppendLine("| method | weights remaining | of dense | test accuracy (mean ± sd) | seeds | train s/epoch |");
        text.AppendLine("|---|---:|---:|---|---:|---:|");
        foreach (var row in summaries)
        {
            var weights = row.MinWeights == row.MaxWeights
                ? row.MinWeights.ToString("N0", Invariant)
                : string.Create(Invariant, $"{row.MeanWeights:N0} ({row.MinWeights:N0}–{row.MaxWeights:N0})");
            text.AppendLine(string.Create(
                Invariant,
                $"| {row.Method} | {weights} | {100 * row.MeanWeights / denseWeights:0.0#} % | {row.MeanAccuracy:0.0000} ± {row.AccuracySd:0.0000} | {row.Seeds} | {row.MeanSecondsPerEpoch:0.00} |"));
        }

        foreach (var row in missing)
        {
            text.AppendLine($"| {row.Method} | — | — | missing: {row.Reason} | — | — |");
        }

        return text.ToString();
    }

    /// <summary>
    /// The inference table of the neuron-pruned networks: per level, the compacted network's weights and
    /// hidden sizes, and the milliseconds per 10,000 test images of the dense, the pruned (masked) and
    /// the compacted network (means over seeds), with the compacted network's speed-up over dense.
    /// Empty when there are no timings.
    /// </summary>
    public static string InferenceTable(IEnumerable<InferenceTiming> timings, long denseWeights)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var rows = InferenceSummary.Of(timings);
        if (rows.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        text.AppendLine("| neuron pruning, level | weights after compaction | of dense | hidden after compaction | inference ms per 10,000 images: dense | pruned, not compacted | compacted | speed-up (dense / compacted) | seeds |");
        text.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(
                Invariant,
                $"| {100 * row.Level:0.#} % | {row.Weights:N0} | {100.0 * row.Weights / denseWeights:0.0#} % | {string.Join("-", row.Hidden)} | {row.DenseMs:0.0} | {row.MaskedMs:0.0} | {row.CompactedMs:0.0} | {row.DenseMs / row.CompactedMs:0.0}× | {row.Seeds} |"));
        }

        return text.ToString();
    }

    /// <summary>Every neuron-pruned network's inference times: level, seed, weights, hidden sizes, dense, masked and compacted ms per 10,000 images.</summary>
    public static string InferenceCsv(IEnumerable<InferenceTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var text = new StringBuilder("level,seed,weights,hidden,dense_ms,masked_ms,compacted_ms\n");
        foreach (var timing in timings)
        {
            text.Append(string.Create(Invariant, $"{timing.Level:R},{timing.Seed},{timing.Weights},{string.Join("-", timing.Hidden)},{timing.DenseMs:0.###},{timing.MaskedMs:0.###},{timing.CompactedMs:0.###}"))
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Every run: method, level, seed, weights, accuracy, seconds per epoch, detail.</summary>
    public static string RunsCsv(IEnumerable<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder("method,level,seed,weights,accuracy,seconds_per_epoch,detail\n");
        foreach (var run in runs)
        {
            text.Append(Field(run.Method)).Append(',')
                .Append(run.Level.ToString("R", Invariant)).Append(',')
                .Append(run.Seed.ToString(Invariant)).Append(',')
                .Append(run.Weights.ToString(Invariant)).Append(',')
                .Append(run.Accuracy.ToString("0.######", Invariant)).Append(',')
                .Append(run.SecondsPerEpoch.ToString("0.###", Invariant)).Append(',')
                .Append(Field(run.Detail)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The table's rows as CSV.</summary>
    public static string SummaryCsv(IEnumerable<ResultSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var text = new StringBuilder("method,level,mean_weights,min_weights,max_weights,mean_accuracy,sd_accuracy,mean_seconds_per_epoch,seeds\n");
        foreach (var row in summaries)
        {
            text.Append(Field(row.Method)).Append(',')
                .Append(string.Create(Invariant, $"{row.Level:R},{row.MeanWeights:0.#},{row.MinWeights},{row.MaxWeights},{row.MeanAccuracy:0.######},{row.AccuracySd:0.######},{row.MeanSecondsPerEpoch:0.###},{row.Seeds}"))
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Every run's masked layers: method, level, seed, layer, weights, kept.</summary>
    public static string LayersCsv(IEnumerable<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder("method,level,seed,layer,weights,kept\n");
        foreach (var run in runs)
        {
            foreach (var layer in run.Layers)
            {
                text.Append(Field(run.Method)).Append(',')
                    .Append(string.Create(Invariant, $"{run.Level:R},{run.Seed},"))
                    .Append(Field(layer.Name)).Append(',')
                    .Append(string.Create(Invariant, $"{layer.Weights},{layer.Kept}"))
                    .Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
