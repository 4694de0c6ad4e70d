using Deepstruct.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Data;

public class IdxImageDatasetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_are_float_pixels_in_0_to_1_with_a_channel_and_labels_are_int64(bool compressed)
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 7, compressed, rows: 4, columns: 3);
        var suffix = compressed ? ".gz" : "";

        using var dataset = new IdxImageDataset(files.Path("train-images-idx3-ubyte" + suffix), files.Path("train-labels-idx1-ubyte" + suffix));

        Assert.Equal(7, dataset.Count);
        Assert.Equal(new long[] { 7, 1, 4, 3 }, dataset.Images.shape);
        Assert.Equal(new long[] { 1, 4, 3 }, dataset.ImageShape);
        Assert.Equal(ScalarType.Float32, dataset.Images.dtype);
        Assert.Equal(new long[] { 7 }, dataset.Labels.shape);
        Assert.Equal(ScalarType.Int64, dataset.Labels.dtype);
        using var expected = tensor(IdxTestFiles.Pixels(7, 4, 3).Select(p => p / 255f).ToArray(), new long[] { 7, 1, 4, 3 });
        Assert.True(expected.allclose(dataset.Images));
        Assert.Equal(0f, dataset.Images.min().item<float>());
        Assert.Equal(1f, dataset.Images.max().item<float>());
        Assert.Equal(IdxTestFiles.Labels(7).Select(l => (long)l).ToArray(), dataset.Labels.data<long>().ToArray());
        Assert.Equal(0f, dataset.Mean);
        Assert.Equal(1f, dataset.StandardDeviation);
    }

    [Fact]
    public void Standardized_images_are_the_scaled_pixels_less_the_mean_over_the_deviation()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 3, compressed: false, rows: 2, columns: 2);

        using var dataset = new IdxImageDataset(files.Path("train-images-idx3-ubyte"), files.Path("train-labels-idx1-ubyte"), mean: 0.25f, standardDeviation: 0.5f);

        using var expected = tensor(IdxTestFiles.Pixels(3, 2, 2).Select(p => ((p / 255f) - 0.25f) / 0.5f).ToArray(), new long[] { 3, 1, 2, 2 });
        Assert.True(expected.allclose(dataset.Images));
        Assert.Equal(0.25f, dataset.Mean);
        Assert.Equal(0.5f, dataset.StandardDeviation);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_standard_deviation_that_is_not_positive_and_finite_is_refused(float deviation)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new IdxImageDataset("images", "labels", standardDeviation: deviation));

        Assert.Equal("standardDeviation", error.ParamName);
        Assert.Equal(deviation, error.ActualValue);
    }

    [Fact]
    public void An_example_is_an_image_and_its_label()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 5, compressed: true, rows: 3, columns: 3);
        using var dataset = new IdxImageDataset(files.Path("train-images-idx3-ubyte.gz"), files.Path("train-labels-idx1-ubyte.gz"));

        var example = dataset.GetTensor(4);

        Assert.Equal(new long[] { 1, 3, 3 }, example[IdxImageDataset.InputKey].shape);
        Assert.True(example[IdxImageDataset.InputKey].equal(dataset.Images[4]).all().item<bool>());
        Assert.Equal(2L, example[IdxImageDataset.TargetKey].item<long>());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetTensor(5));
        Assert.Equal("index", error.ParamName);
        Assert.Equal(5L, error.ActualValue);
    }

    [Fact]
    public void Take_copies_the_first_examples_flattened_or_not_and_refuses_a_negative_count()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 5, compressed: false, rows: 3, columns: 2);
        using var dataset = new IdxImageDataset(files.Path("train-images-idx3-ubyte"), files.Path("train-labels-idx1-ubyte"));

        var (images, labels) = dataset.Take(3, flatten: true);
        using (images)
        using (labels)
        {
            Assert.Equal(new long[] { 3, 6 }, images.shape);
            using var expected = dataset.Images.narrow(0, 0, 3).reshape(3, 6);
            Assert.True(images.equal(expected).all().item<bool>());
            Assert.Equal(dataset.Labels.data<long>().Take(3).ToArray(), labels.data<long>().ToArray());
            images.zero_();
            Assert.NotEqual(0f, dataset.Images.abs().sum().item<float>());
        }

        var (all, allLabels) = dataset.Take(99);
        using (all)
        using (allLabels)
        {
            Assert.Equal(new long[] { 5, 1, 3, 2 }, all.shape);
            Assert.Equal(5, allLabels.shape[0]);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Take(-1));
        Assert.Equal("count", error.ParamName);
    }

    [Fact]
    public void A_data_loader_batches_images_and_labels()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 10, compressed: true);
        using var dataset = new IdxImageDataset(files.Path("train-images-idx3-ubyte.gz"), files.Path("train-labels-idx1-ubyte.gz"));
        using var loader = new DataLoader(dataset, batchSize: 4, shuffle: true, seed: 1, disposeDataset: false);

        using var batches = loader.GetEnumerator();
        Assert.True(batches.MoveNext());
        var batch = batches.Current;

        Assert.Equal(new long[] { 4, 1, 28, 28 }, batch[IdxImageDataset.InputKey].shape);
        Assert.Equal(ScalarType.Float32, batch[IdxImageDataset.InputKey].dtype);
        Assert.Equal(new long[] { 4 }, batch[IdxImageDataset.TargetKey].shape);
        Assert.Equal(ScalarType.Int64, batch[IdxImageDataset.TargetKey].dtype);
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_refused_naming_both_files()
    {
        using var files = new IdxTestFiles();
        files.WriteSet("train", count: 6, compressed: false, rows: 2, columns: 2, labelCount: 5);
        var images = files.Path("train-images-idx3-ubyte");
        var labels = files.Path("train-labels-idx1-ubyte");

        var error = Assert.Throws<DatasetFileException>(() => new IdxImageDataset(images, labels));

        Assert.Equal(labels, error.FilePath);
        Assert.Equal($"{labels}: It holds 5 labels, but the image file {images} holds 6 images; they must be as many.", error.Message);
    }

    [Fact]
    public void Images_of_other_than_three_dimensions_are_refused()
    {
        using var files = new IdxTestFiles();
        var images = files.Write("images", IdxTestFiles.Idx(0x08, new[] { 2, 4 }, new byte[8]));
        var labels = files.Write("labels", IdxTestFiles.Idx(0x08, new[] { 2 }, new byte[2]));

        var error = Assert.Throws<DatasetFileException>(() => new IdxImageDataset(images, labels));

        Assert.Equal(images, error.FilePath);
        Assert.Contains("A file of images has 3 dimensions [count, rows, columns], but it has 2: [2, 4].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_of_other_than_one_dimension_are_refused()
    {
        using var files = new IdxTestFiles();
        var images = files.Write("images", IdxTestFiles.Idx(0x08, new[] { 2, 1, 1 }, new byte[2]));
        var labels = files.Write("labels", IdxTestFiles.Idx(0x08, new[] { 2, 1 }, new byte[2]));

        var error = Assert.Throws<DatasetFileException>(() => new IdxImageDataset(images, labels));

        Assert.Equal(labels, error.FilePath);
        Assert.Contains("A file of labels has 1 dimension [count], but it has 2: [2, 1].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_of_another_element_type_are_refused()
    {
        using var files = new IdxTestFiles();
        var images = files.Write("images", IdxTestFiles.Idx(0x0D, new[] { 1, 1, 1 }, IdxTestFiles.BigEndian(new[] { 0.5f })));
        var labels = files.Write("labels", IdxTestFiles.Idx(0x08, new[] { 1 }, new byte[1]));

        var error = Assert.Throws<DatasetFileException>(() => new IdxImageDataset(images, labels));

        Assert.Equal(images, error.FilePath);
        Assert.Contains("must hold unsigned bytes (element type 0x08), but it holds Float32 (0x0D)", error.Message, StringComparison.Ordinal);
    }
}
