using Deepstruct.Data;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Data;

public class FashionMnistTests
{
    private const string InstallHint = "Install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), which puts the files in /usr/share/datasets/fashion-mnist, or set DEEPSTRUCT_FASHION_MNIST to a folder with the four IDX files";

    [Fact]
    public void The_training_set_is_read_from_the_train_files()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 6, compressed: true);
        files.WriteSet("t10k", count: 3, compressed: true);

        using var train = FashionMnist.Load(files.Folder);
        using var test = FashionMnist.Load(files.Folder, train: false);

        Assert.Equal(new long[] { 6, 1, 28, 28 }, train.Images.shape);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, test.Images.shape);
        Assert.Equal(ScalarType.Float32, train.Images.dtype);
        Assert.Equal(ScalarType.Int64, test.Labels.dtype);
        Assert.Equal(0f, train.Images.min().item<float>());
        Assert.Equal(1f, train.Images.max().item<float>());
    }

    [Fact]
    public void Uncompressed_files_are_read_too()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("t10k", count: 2, compressed: false);

        using var test = FashionMnist.Load(files.Folder, train: false);

        Assert.Equal(2, test.Count);
    }

    [Fact]
    public void Standardizing_uses_the_fashion_mnist_mean_and_deviation()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 2, compressed: true);

        using var plain = FashionMnist.Load(files.Folder);
        using var standardized = FashionMnist.Load(files.Folder, standardize: true);

        Assert.Equal(0.2860406f, FashionMnist.Mean);
        Assert.Equal(0.3530242f, FashionMnist.StandardDeviation);
        Assert.Equal(FashionMnist.Mean, standardized.Mean);
        Assert.Equal(FashionMnist.StandardDeviation, standardized.StandardDeviation);
        using var expected = (plain.Images - FashionMnist.Mean) / FashionMnist.StandardDeviation;
        Assert.True(expected.allclose(standardized.Images));
    }

    [Fact]
    public void A_missing_file_names_it_and_how_to_install_the_package()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("t10k", count: 2, compressed: true);

        var error = Assert.Throws<DatasetFileException>(() => FashionMnist.Load(files.Folder));

        Assert.Equal(files.Path("train-images-idx3-ubyte.gz"), error.FilePath);
        Assert.StartsWith(
            $"{files.Path("train-images-idx3-ubyte.gz")}: The file does not exist (neither train-images-idx3-ubyte.gz nor train-images-idx3-ubyte is in {files.Folder}). {InstallHint}",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        using var files = new IdxTestFiles();
        var folder = files.Path("absent");

        var error = Assert.Throws<DatasetFileException>(() => FashionMnist.Load(folder));

        Assert.Contains($"The file does not exist: the folder {folder} does not exist. {InstallHint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_file_names_it_its_problem_and_how_to_install_the_package()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 2, compressed: true);
        var labels = files.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Idx(0x08, new[] { 2 }, new byte[1]), compressed: true);

        var error = Assert.Throws<DatasetFileException>(() => FashionMnist.Load(files.Folder));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains("The data is truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains(InstallHint, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(InstallHint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_folder_is_the_argument_then_the_environment_variable_then_the_package_folder()
    {
        var before = Environment.GetEnvironmentVariable(FashionMnist.FolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(FashionMnist.FolderVariable, null);
            Assert.Equal("/usr/share/datasets/fashion-mnist", FashionMnist.ResolveFolder());
            Assert.Equal(FashionMnist.DefaultFolder, FashionMnist.ResolveFolder());

            Environment.SetEnvironmentVariable(FashionMnist.FolderVariable, "/data/fashion");
            Assert.Equal("DEEPSTRUCT_FASHION_MNIST", FashionMnist.FolderVariable);
            Assert.Equal("/data/fashion", FashionMnist.ResolveFolder());
            Assert.Equal("/here", FashionMnist.ResolveFolder("/here"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FashionMnist.FolderVariable, before);
        }
    }

    [Fact]
    public void The_environment_variable_names_the_folder_load_reads()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 3, compressed: true);
        var before = Environment.GetEnvironmentVariable(FashionMnist.FolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(FashionMnist.FolderVariable, files.Folder);

            using var train = FashionMnist.Load();

            Assert.Equal(3, train.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FashionMnist.FolderVariable, before);
        }
    }

    [Fact]
    public void An_empty_folder_argument_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FashionMnist.Load(""));

        Assert.Equal("folder", error.ParamName);
    }

    [Fact]
    public void There_are_ten_class_names()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }

    [Fact]
    public void Mnist_reads_the_same_layout_from_its_folder_or_variable()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 4, compressed: false);
        var before = Environment.GetEnvironmentVariable(Mnist.FolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(Mnist.FolderVariable, null);
            var error = Assert.Throws<ArgumentException>(() => Mnist.Load());
            Assert.Equal("folder", error.ParamName);
            Assert.Contains("No folder given and DEEPSTRUCT_MNIST is not set", error.Message, StringComparison.Ordinal);

            using var standardized = Mnist.Load(files.Folder, standardize: true);
            Assert.Equal(new long[] { 4, 1, 28, 28 }, standardized.Images.shape);
            Assert.Equal(Mnist.Mean, standardized.Mean);

            Environment.SetEnvironmentVariable(Mnist.FolderVariable, files.Folder);
            using var train = Mnist.Load();
            Assert.Equal(4, train.Count);
            var missing = Assert.Throws<DatasetFileException>(() => Mnist.Load(train: false));
            Assert.Contains("set DEEPSTRUCT_MNIST to it", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Mnist.FolderVariable, before);
        }
    }
}
