namespace Deepstruct.FashionMnistSample;

/// <summary>The runs of one method at one level, over seeds.</summary>
public sealed record ResultSummary(string Method, double Level, double MeanWeights, long MinWeights, long MaxWeights, double MeanAccuracy, double AccuracySd, double MeanSecondsPerEpoch, int Seeds)
{
    /// <summary>Groups runs by method (in order of first appearance) and level (descending).</summary>
    public static IReadOnlyList<ResultSummary> Of(IEnumerable<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        var methods = list.Select(run => run.Method).Distinct().ToList();
        return list
            .GroupBy(run => (run.Method, run.Level))
            .OrderBy(group => methods.IndexOf(group.Key.Method))
            .ThenByDescending(group => group.Key.Level)
            .Select(group =>
            {
                var accuracies = group.Select(run => run.Accuracy).ToList();
                return new ResultSummary(
                    group.Key.Method,
                    group.Key.Level,
                    group.Average(run => (double)run.Weights),
                    group.Min(run => run.Weights),
                    group.Max(run => run.Weights),
                    accuracies.Average(),
                    SampleStandardDeviation(accuracies),
                    group.Average(run => run.SecondsPerEpoch),
                    accuracies.Count);
            })
            .ToList();
    }

    /// <summary>The sample standard deviation (n − 1); 0 for a single value.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
    }
}
