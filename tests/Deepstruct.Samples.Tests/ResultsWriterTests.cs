using Deepstruct.FashionMnistSample;

namespace Deepstruct.Samples.Tests;

public class ResultsWriterTests
{
    private static RunRecord Run(string method, double level, int seed, long weights, double accuracy, double seconds = 2) =>
        new(method, level, seed, weights, accuracy, seconds, new[] { new LayerKept("layers.0", 100, weights) }, "detail, with a comma");

    [Fact]
    public void The_summary_groups_by_method_and_level_with_the_sample_standard_deviation()
    {
        var runs = new[]
        {
            Run("dense", 1, 1, 1000, 0.88, 2),
            Run("pruned", 0.1, 1, 100, 0.80, 1),
            Run("dense", 1, 2, 1000, 0.90, 4),
            Run("pruned", 0.5, 1, 500, 0.85),
            Run("pruned", 0.1, 2, 100, 0.84, 3),
        };

        var summaries = ResultSummary.Of(runs);

        Assert.Equal(new[] { ("dense", 1.0), ("pruned", 0.5), ("pruned", 0.1) }, summaries.Select(row => (row.Method, row.Level)));
        Assert.Equal(0.89, summaries[0].MeanAccuracy, 12);
        Assert.Equal(Math.Sqrt(0.0002), summaries[0].AccuracySd, 12);
        Assert.Equal(3, summaries[0].MeanSecondsPerEpoch, 12);
        Assert.Equal(0, summaries[1].AccuracySd);
        Assert.Equal(2, summaries[2].Seeds);
    }

    [Fact]
    public void The_markdown_table_shows_mean_and_sd_the_share_of_dense_a_weight_range_and_missing_rows()
    {
        var summaries = new[]
        {
            new ResultSummary("dense", 1, 266200, 266200, 266200, 0.89123, 0.00234, 2.345, 3),
            new ResultSummary("prior", 0.02, 5200, 5100, 5300, 0.8, 0.01, 1, 3),
        };

        var table = ResultsWriter.MarkdownTable(summaries, new[] { new MissingMethod("neuron pruning", "waits for #14") }, 266200);

        Assert.Equal(
            "| method | weights remaining | of dense | test accuracy (mean ± sd) | seeds | train s/epoch |\n"
            + "|---|---:|---:|---|---:|---:|\n"
            + "| dense | 266,200 | 100.0 % | 0.8912 ± 0.0023 | 3 | 2.35 |\n"
            + "| prior | 5,200 (5,100–5,300) | 1.95 % | 0.8000 ± 0.0100 | 3 | 1.00 |\n"
            + "| neuron pruning | — | — | missing: waits for #14 | — | — |\n",
            table.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_inference_table_averages_over_seeds_per_level_with_the_speed_up_over_dense()
    {
        var timings = new[]
        {
            new InferenceTiming(0.1, 1, 26345, new[] { 33, 11 }, 60, 70, 10),
            new InferenceTiming(0.5, 1, 133613, new[] { 159, 53 }, 60, 62, 40),
            new InferenceTiming(0.1, 2, 26345, new[] { 33, 11 }, 80, 90, 30),
        };

        var table = ResultsWriter.InferenceTable(timings, 266200);

        Assert.Equal(
            "| neuron pruning, level | weights after compaction | of dense | hidden after compaction | inference ms per 10,000 images: dense | pruned, not compacted | compacted | speed-up (dense / compacted) | seeds |\n"
            + "|---:|---:|---:|---|---:|---:|---:|---:|---:|\n"
            + "| 50 % | 133,613 | 50.19 % | 159-53 | 60.0 | 62.0 | 40.0 | 1.5× | 1 |\n"
            + "| 10 % | 26,345 | 9.9 % | 33-11 | 70.0 | 80.0 | 20.0 | 3.5× | 2 |\n",
            table.ReplaceLineEndings("\n"));
        Assert.Equal("", ResultsWriter.InferenceTable(Array.Empty<InferenceTiming>(), 266200));
    }

    [Fact]
    public void The_inference_csv_has_one_line_per_pruned_network()
    {
        var csv = ResultsWriter.InferenceCsv(new[] { new InferenceTiming(0.02, 3, 4736, new[] { 6, 2 }, 65.8784, 76.7, 3.9141) });

        Assert.Equal("level,seed,weights,hidden,dense_ms,masked_ms,compacted_ms\n0.02,3,4736,6-2,65.878,76.7,3.914\n", csv);
    }

    [Fact]
    public void The_runs_csv_has_one_line_per_run_and_quotes_fields_with_commas()
    {
        var csv = ResultsWriter.RunsCsv(new[] { Run("one-shot, fine-tuned", 0.05, 2, 13310, 0.8765, 1.23456) });

        Assert.Equal(
            "method,level,seed,weights,accuracy,seconds_per_epoch,detail\n"
            + "\"one-shot, fine-tuned\",0.05,2,13310,0.8765,1.235,\"detail, with a comma\"\n",
            csv);
    }

    [Fact]
    public void The_layers_csv_has_one_line_per_run_and_layer()
    {
        var csv = ResultsWriter.LayersCsv(new[] { Run("a", 0.1, 1, 10, 0.5) });

        Assert.Equal("method,level,seed,layer,weights,kept\na,0.1,1,layers.0,100,10\n", csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"x\"", "\"say \"\"x\"\"\"")]
    public void Csv_fields_are_quoted_only_when_needed(string value, string expected) => Assert.Equal(expected, ResultsWriter.Field(value));

    [Fact]
    public void The_reader_gives_back_the_runs_and_layers_the_writer_wrote()
    {
        var runs = new[]
        {
            new RunRecord("one-shot, \"fine\" tuned", 0.05, 2, 13310, 0.8765, 1.25, new[] { new LayerKept("layers.0", 100, 10), new LayerKept("layers,1", 50, 5) }, "a, b"),
            new RunRecord("dense", 1, 1, 150, 0.9, 2, new[] { new LayerKept("layers.0", 100, 100) }, ""),
        };

        var read = ResultsReader.Runs(ResultsWriter.RunsCsv(runs), ResultsWriter.LayersCsv(runs));

        Assert.Equal(2, read.Count);
        for (var i = 0; i < runs.Length; i++)
        {
            Assert.Equal(runs[i] with { Layers = Array.Empty<LayerKept>() }, read[i] with { Layers = Array.Empty<LayerKept>() });
            Assert.Equal(runs[i].Layers, read[i].Layers);
        }
    }

    [Fact]
    public void The_reader_refuses_a_line_with_missing_fields_naming_the_line() =>
        Assert.Contains("Line 2", Assert.Throws<FormatException>(() => ResultsReader.Rows("a,b\n1\n", 2).ToList()).Message, StringComparison.Ordinal);
}
