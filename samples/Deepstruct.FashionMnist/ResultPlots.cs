using ScottPlot;

namespace Deepstruct.FashionMnistSample;

/// <summary>The PNG plots: accuracy against weights remaining, and per-layer weights remaining after pruning.</summary>
public static class ResultPlots
{
    private static readonly double[] PercentTicks = { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100 };

    /// <summary>Test accuracy (mean ± sd over seeds) against weights remaining (% of dense, log scale), one line per method.</summary>
    /// <param name="summaries">The table's rows.</param>
    /// <param name="denseWeights">The dense network's weights (100 %).</param>
    /// <param name="denseMethod">The dense row's method, drawn as a horizontal line.</param>
    /// <param name="path">The PNG to write.</param>
    /// <param name="zoom">Show only accuracies from 0.10 below to 0.01 above the dense network's (points below are cut off).</param>
    public static void Accuracy(IReadOnlyList<ResultSummary> summaries, long denseWeights, string denseMethod, string path, bool zoom = false)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var method in summaries.Select(row => row.Method).Distinct())
        {
            var rows = summaries.Where(row => row.Method == method).OrderBy(row => row.MeanWeights).ToList();
            var color = palette.GetColor(index++);
            if (method == denseMethod)
            {
                var line = plot.Add.HorizontalLine(rows[0].MeanAccuracy, width: 2, color: color, pattern: LinePattern.Dashed);
                line.LegendText = FormattableString.Invariant($"{method} ({rows[0].MeanAccuracy:0.000})");
                continue;
            }

            var xs = rows.Select(row => Math.Log10(100 * row.MeanWeights / denseWeights)).ToArray();
            var ys = rows.Select(row => row.MeanAccuracy).ToArray();
            var errors = plot.Add.ErrorBar(xs, ys, rows.Select(row => row.AccuracySd).ToArray());
            errors.Color = color;
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            scatter.LegendText = method;
        }

        LogPercentAxis(plot.Axes.Bottom, "weights remaining (% of dense LeNet-300-100, log scale)");
        // From just under the sparsest level to just over dense, so the dense line's level shows at 100 %.
        var sparsest = summaries.Min(row => 100 * row.MeanWeights / denseWeights);
        plot.Axes.SetLimitsX(Math.Log10(sparsest) - 0.08, Math.Log10(100) + 0.05);
        plot.Axes.Left.Label.Text = "test accuracy (mean ± sd over seeds)";
        var dense = summaries.FirstOrDefault(row => row.Method == denseMethod);
        if (zoom && dense is not null)
        {
            plot.Axes.SetLimitsY(dense.MeanAccuracy - 0.10, dense.MeanAccuracy + 0.01);
            plot.Title(FormattableString.Invariant($"Fashion-MNIST: test accuracy against weights remaining (zoom: {dense.MeanAccuracy - 0.10:0.00}–{dense.MeanAccuracy + 0.01:0.00}; lower points cut off)"));
        }
        else
        {
            plot.Title("Fashion-MNIST: test accuracy against weights remaining");
        }

        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1100, 700);
    }

    /// <summary>Each layer's weights remaining (% of the layer, mean over seeds) against the network's, for the given methods.</summary>
    public static void LayerSparsity(IReadOnlyList<RunRecord> runs, IReadOnlyList<string> methods, long denseWeights, string path)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(methods);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var patterns = new[] { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted };
        for (var m = 0; m < methods.Count; m++)
        {
            var methodRuns = runs.Where(run => run.Method == methods[m]).ToList();
            if (methodRuns.Count == 0)
            {
                continue;
            }

            var layerNames = methodRuns[0].Layers.Select(layer => layer.Name).ToList();
            for (var l = 0; l < layerNames.Count; l++)
            {
                var points = methodRuns
                    .GroupBy(run => run.Level)
                    .OrderBy(group => group.Key)
                    .Select(group => (
                        X: Math.Log10(100 * group.Average(run => (double)run.Weights) / denseWeights),
                        Y: Math.Log10(100 * group.Average(run => (double)run.Layers[l].Kept / run.Layers[l].Weights))))
                    .ToList();
                var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), palette.GetColor(l));
                scatter.LinePattern = patterns[m % patterns.Length];
                scatter.LineWidth = 2;
                scatter.MarkerSize = 6;
                var layer = methodRuns[0].Layers[l];
                scatter.LegendText = FormattableString.Invariant($"{methods[m]}: {layer.Name} ({layer.Weights:N0} weights)");
            }
        }

        LogPercentAxis(plot.Axes.Bottom, "weights remaining in the network (% of dense, log scale)");
        LogPercentAxis(plot.Axes.Left, "weights remaining in the layer (%, log scale)");
        plot.Title("Per-layer weights remaining after pruning (neuron pruning: before compaction)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1100, 700);
    }

    private static void LogPercentAxis(IAxis axis, string label)
    {
        axis.Label.Text = label;
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            PercentTicks.Select(Math.Log10).ToArray(),
            PercentTicks.Select(tick => FormattableString.Invariant($"{tick:0.##} %")).ToArray());
    }
}
