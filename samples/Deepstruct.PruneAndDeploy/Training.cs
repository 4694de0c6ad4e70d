using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.PruneAndDeploy;

/// <summary>Mini-batch training with Adam (masked weights stay zero) and test accuracy.</summary>
internal static class Training
{
    public const int BatchSize = 128;

    public static void Train(MaskableModule model, ImageData data, int epochs, double learningRate, int seed)
    {
        using var optimizer = new MaskPreservingOptimizer(optim.Adam(model.parameters(), lr: learningRate), model);
        using var generator = new Generator((ulong)seed);
        model.train();
        var count = data.TrainImages.shape[0];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var order = randperm(count, generator: generator);
            for (long start = 0; start < count; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(BatchSize, count - start));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(data.TrainImages.index_select(0, batch)), data.TrainLabels.index_select(0, batch));
                loss.backward();
                optimizer.step();
            }
        }

        model.eval();
    }

    /// <summary>The share of test images whose highest output is their label.</summary>
    public static double Accuracy(Func<Tensor, Tensor> predict, ImageData data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long correct = 0;
        var count = data.TestImages.shape[0];
        for (long start = 0; start < count; start += 1000)
        {
            var length = Math.Min(1000, count - start);
            var predicted = predict(data.TestImages.narrow(0, start, length)).argmax(1);
            correct += predicted.eq(data.TestLabels.narrow(0, start, length)).sum().item<long>();
        }

        return (double)correct / count;
    }
}
