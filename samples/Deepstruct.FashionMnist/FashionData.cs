using Deepstruct.Data;
using static TorchSharp.torch;

namespace Deepstruct.FashionMnistSample;

/// <summary>The training and test sets, standardized and flattened to <c>[N, 784]</c>, held in memory.</summary>
public sealed class FashionData : IDisposable
{
    private FashionData(Tensor trainInputs, Tensor trainLabels, Tensor testInputs, Tensor testLabels)
    {
        TrainInputs = trainInputs;
        TrainLabels = trainLabels;
        TestInputs = testInputs;
        TestLabels = testLabels;
    }

    public Tensor TrainInputs { get; }

    public Tensor TrainLabels { get; }

    public Tensor TestInputs { get; }

    public Tensor TestLabels { get; }

    public long TrainCount => TrainInputs.shape[0];

    public long TestCount => TestInputs.shape[0];

    public long Features => TrainInputs.shape[1];

    /// <summary>Reads both sets; the first <paramref name="trainLimit"/> / <paramref name="testLimit"/> examples when given.</summary>
    /// <exception cref="DatasetFileException">A file is missing or malformed.</exception>
    public static FashionData Load(string? folder, int? trainLimit, int? testLimit)
    {
        var (trainInputs, trainLabels) = Read(folder, train: true, trainLimit);
        var (testInputs, testLabels) = Read(folder, train: false, testLimit);
        return new FashionData(trainInputs, trainLabels, testInputs, testLabels);
    }

    private static (Tensor Inputs, Tensor Labels) Read(string? folder, bool train, int? limit)
    {
        using var dataset = FashionMnist.Load(folder, train, standardize: true);
        return dataset.Take(limit, flatten: true);
    }

    public void Dispose()
    {
        TrainInputs.Dispose();
        TrainLabels.Dispose();
        TestInputs.Dispose();
        TestLabels.Dispose();
    }
}
