using Deepstruct.PruneAndDeploy;
using Deepstruct.Runtime.Tests.Data;

namespace Deepstruct.Samples.Tests;

public class PruneAndDeploySampleTests
{
    [Fact]
    public void Quick_mode_prunes_compacts_exports_and_runs_the_onnx_file_on_a_tiny_generated_set()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", 96, compressed: true);
        files.WriteSet("t10k", 40, compressed: false);
        var output = Path.Combine(files.Folder, "deploy");
        using var console = new SampleConsole();

        var code = PruneAndDeployRunner.Execute(new[] { "--quick", "--data", files.Folder, "--out", output }, console.Console);

        Assert.True(code == PruneAndDeployRunner.Success, console.Text);
        Assert.Contains("pruned 200 of 400 neurons", console.Text, StringComparison.Ordinal);
        Assert.Contains("400 → 200 hidden neurons", console.Text, StringComparison.Ordinal);
        Assert.Contains("compacted, prepared", console.Text, StringComparison.Ordinal);
        Assert.Contains("inference-only layer layers.0: 784→150", console.Text, StringComparison.Ordinal);
        foreach (var file in new[] { "dense.onnx", "compacted.onnx", "dense.state_dict", "pruned.state_dict", "compacted.state_dict" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        // Pruning alone leaves the checkpoint as large as the dense one; compaction and the sparse ONNX file shrink it.
        long Size(string file) => new FileInfo(Path.Combine(output, file)).Length;
        Assert.Equal(Size("dense.state_dict"), Size("pruned.state_dict"));
        Assert.True(Size("compacted.state_dict") < Size("pruned.state_dict") * 0.6, "the compacted checkpoint should be about half the size");
        Assert.True(Size("compacted.onnx") < Size("dense.onnx") * 0.3, "the compacted, sparse ONNX file should be under 30 % of the dense one");
    }

    [Fact]
    public void Missing_data_exits_with_the_data_missing_code_and_says_how_to_install_it()
    {
        using var files = new IdxTestFiles();
        using var console = new SampleConsole();

        var code = PruneAndDeployRunner.Execute(new[] { "--quick", "--data", Path.Combine(files.Folder, "absent"), "--out", files.Folder }, console.Console);

        Assert.Equal(PruneAndDeployRunner.DataMissing, code);
        Assert.Contains("apt-get install dataset-fashion-mnist", console.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unknown")]
    [InlineData("--seed", "x")]
    [InlineData("--out")]
    public void A_bad_argument_exits_with_the_bad_arguments_code(params string[] args)
    {
        using var console = new SampleConsole();

        Assert.Equal(PruneAndDeployRunner.BadArguments, PruneAndDeployRunner.Execute(args, console.Console));
    }
}
