using Deepstruct.FashionMnistSample;
using Deepstruct.Runtime.Tests.Data;

namespace Deepstruct.Samples.Tests;

public class FashionMnistSampleTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Fact]
    public void Quick_mode_runs_every_method_on_a_tiny_generated_set_and_writes_the_results()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", 96, compressed: true);
        files.WriteSet("t10k", 40, compressed: false);
        var output = Path.Combine(files.Folder, "results");
        using var console = new SampleConsole();

        var code = ExperimentRunner.Execute(new[] { "--quick", "--data", files.Folder, "--out", output, "--threads", "1" }, console.Console);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("seeds: 1;", console.Text, StringComparison.Ordinal);
        var runs = File.ReadAllLines(Path.Combine(output, "runs.csv"));
        // dense, then 5 levels of lottery ticket, one-shot, random mask, each of the 4 priors and neuron pruning.
        Assert.Equal(1 + 1 + (5 * 4) + (5 * PriorFamily.All.Count), runs.Length);
        Assert.All(runs.Skip(1), line => Assert.EndsWith("\"", line, StringComparison.Ordinal));
        Assert.StartsWith("dense LeNet-300-100,1,1,266200,", runs[1], StringComparison.Ordinal);
        Assert.Contains(runs, line => line.StartsWith("\"lottery ticket (IMP, rewind to init)\",0.02,1,5324,", StringComparison.Ordinal));
        // Neuron pruning keeps 53 % of each hidden layer at the 50 % level; the compacted network computes the pruned one's outputs.
        var neuronRuns = runs.Where(line => line.StartsWith("neuron pruning + compaction,", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, neuronRuns.Count);
        Assert.StartsWith("neuron pruning + compaction,0.5,1,133613,", neuronRuns[0], StringComparison.Ordinal);
        Assert.Contains("compacted to 784-159-53-10", neuronRuns[0], StringComparison.Ordinal);
        Assert.All(neuronRuns, line => Assert.Contains("pruned model's accuracy equal,", line, StringComparison.Ordinal));
        Assert.Contains(File.ReadAllLines(Path.Combine(output, "layers.csv")), line => line == "neuron pruning + compaction,0.02,1,layers.0,235200,4704");
        var inference = File.ReadAllLines(Path.Combine(output, "inference.csv"));
        Assert.Equal(1 + 5, inference.Length);
        Assert.StartsWith("0.02,1,4736,6-2,", inference[5], StringComparison.Ordinal);

        var results = File.ReadAllText(Path.Combine(output, "results.md"));
        Assert.Contains("| method | weights remaining | of dense | test accuracy (mean ± sd) | seeds | train s/epoch |", results, StringComparison.Ordinal);
        Assert.Contains("| neuron pruning + compaction | 4,736 | 1.78 % | ", results, StringComparison.Ordinal);
        Assert.Contains("| 2 % | 4,736 | 1.78 % | 6-2 | ", results, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", results, StringComparison.Ordinal);
        Assert.Contains("the first 4,000 training and 2,000 test examples", results, StringComparison.Ordinal);
        foreach (var csv in new[] { "summary.csv", "layers.csv" })
        {
            Assert.True(File.ReadAllLines(Path.Combine(output, csv)).Length > 1, csv);
        }

        foreach (var png in new[] { "accuracy.png", "accuracy-zoom.png", "layer-sparsity.png" })
        {
            Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(output, png)).Take(8));
        }

        // --replot redraws the plots from the CSV files alone.
        foreach (var png in Directory.GetFiles(output, "*.png"))
        {
            File.Delete(png);
        }

        Assert.Equal(ExitCodes.Success, ExperimentRunner.Execute(new[] { "--replot", output }, console.Console));
        Assert.Equal(3, Directory.GetFiles(output, "*.png").Length);
    }

    [Fact]
    public void Missing_data_exits_with_the_data_missing_code_and_says_how_to_install_it()
    {
        using var files = new IdxTestFiles();
        using var console = new SampleConsole();

        var code = ExperimentRunner.Execute(new[] { "--quick", "--data", Path.Combine(files.Folder, "absent"), "--out", files.Folder }, console.Console);

        Assert.Equal(ExitCodes.DataMissing, code);
        Assert.Equal(3, ExitCodes.DataMissing);
        Assert.Contains("apt-get install dataset-fashion-mnist", console.Text, StringComparison.Ordinal);
        Assert.Contains("DEEPSTRUCT_FASHION_MNIST", console.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(files.Folder, "results.md")));
    }

    [Fact]
    public void Malformed_data_exits_with_the_data_missing_code_and_names_the_file()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", 8, compressed: false, labelCount: 7);
        files.WriteSet("t10k", 4, compressed: false);
        using var console = new SampleConsole();

        var code = ExperimentRunner.Execute(new[] { "--quick", "--data", files.Folder, "--out", files.Folder }, console.Console);

        Assert.Equal(ExitCodes.DataMissing, code);
        Assert.Contains("train-labels-idx1-ubyte", console.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unknown")]
    [InlineData("--seeds", "0")]
    [InlineData("--seeds", "x")]
    [InlineData("--data")]
    [InlineData("--learning-rate", "-1")]
    public void A_bad_argument_exits_with_the_bad_arguments_code(params string[] args)
    {
        using var console = new SampleConsole();

        Assert.Equal(ExitCodes.BadArguments, ExperimentRunner.Execute(args, console.Console));
        Assert.Contains("usage:", console.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage_and_the_exit_codes()
    {
        using var console = new SampleConsole();

        Assert.Equal(ExitCodes.Success, ExperimentRunner.Execute(new[] { "--help" }, console.Console));
        Assert.Contains("exit codes: 0 done, 2 bad arguments, 3 data missing or malformed", console.Text, StringComparison.Ordinal);
    }
}
