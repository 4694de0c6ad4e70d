namespace Deepstruct.FashionMnistSample;

/// <summary>The inference times of one neuron-pruning level, as means over seeds.</summary>
public sealed record InferenceSummary(double Level, long Weights, IReadOnlyList<int> Hidden, double DenseMs, double MaskedMs, double CompactedMs, int Seeds)
{
    /// <summary>Groups timings by level (descending) and averages them over seeds.</summary>
    public static IReadOnlyList<InferenceSummary> Of(IEnumerable<InferenceTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return timings
            .GroupBy(timing => timing.Level)
            .OrderByDescending(group => group.Key)
            .Select(group => new InferenceSummary(
                group.Key,
                (long)Math.Round(group.Average(timing => (double)timing.Weights)),
                group.First().Hidden,
                group.Average(timing => timing.DenseMs),
                group.Average(timing => timing.MaskedMs),
                group.Average(timing => timing.CompactedMs),
                group.Count()))
            .ToList();
    }
}
