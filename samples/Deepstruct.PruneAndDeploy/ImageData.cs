using Deepstruct.Data;
using static TorchSharp.torch;

namespace Deepstruct.PruneAndDeploy;

/// <summary>Fashion-MNIST as two pairs of tensors, images flattened to 784 standardized pixels.</summary>
internal sealed class ImageData : IDisposable
{
    private ImageData(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels)
    {
        (TrainImages, TrainLabels, TestImages, TestLabels) = (trainImages, trainLabels, testImages, testLabels);
    }

    public Tensor TrainImages { get; }

    public Tensor TrainLabels { get; }

    public Tensor TestImages { get; }

    public Tensor TestLabels { get; }

    /// <summary>Reads the data; <paramref name="limit"/> keeps the first examples of each set (for a quick run).</summary>
    public static ImageData Load(string? folder, long? limit)
    {
        using var train = FashionMnist.Load(folder, train: true, standardize: true);
        using var test = FashionMnist.Load(folder, train: false, standardize: true);
        var (trainImages, trainLabels) = train.Take(limit, flatten: true);
        var (testImages, testLabels) = test.Take(limit, flatten: true);
        return new ImageData(trainImages, trainLabels, testImages, testLabels);
    }

    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }
}
