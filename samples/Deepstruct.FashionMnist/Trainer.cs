using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.FashionMnistSample;

/// <summary>Trains and evaluates a masked network with a <see cref="TrainingRecipe"/>.</summary>
public static class Trainer
{
    private const int EvaluationBatch = 2500;

    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="epochs"/> epochs with a new Adam (masked
    /// weights stay zero) and returns the mean wall-clock seconds of an epoch (training only).
    /// </summary>
    public static double Train(MaskableModule model, FashionData data, TrainingRecipe recipe, int epochs, long seed, Action? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(recipe);
        using var adam = optim.Adam(model.parameters(), lr: recipe.LearningRate);
        var optimizer = new MaskPreservingOptimizer(adam, model);
        var count = data.TrainCount;
        var batches = (count + recipe.BatchSize - 1) / recipe.BatchSize;
        var totalSteps = epochs * batches;
        long step = 0;
        using var generator = new Generator((ulong)seed);
        var watch = new Stopwatch();
        model.train();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            watch.Start();
            using var order = randperm(count, generator: generator);
            for (long start = 0; start < count; start += recipe.BatchSize, step++)
            {
                using var scope = NewDisposeScope();
                var indices = order.narrow(0, start, Math.Min(recipe.BatchSize, count - start));
                var inputs = data.TrainInputs.index_select(0, indices);
                var labels = data.TrainLabels.index_select(0, indices);
                // Cosine decay to zero over the run: with few epochs it buys most of what a longer run would.
                var rate = recipe.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps));
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = rate;
                }

                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(inputs), labels);
                loss.backward();
                optimizer.step();
            }

            watch.Stop();
            epochDone?.Invoke();
        }

        return watch.Elapsed.TotalSeconds / epochs;
    }

    /// <summary>The share of test examples whose highest output is their label.</summary>
    public static double TestAccuracy(MaskableModule model, FashionData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        for (long start = 0; start < data.TestCount; start += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(EvaluationBatch, data.TestCount - start);
            var predicted = model.call(data.TestInputs.narrow(0, start, length)).argmax(1);
            correct += predicted.eq(data.TestLabels.narrow(0, start, length)).sum().item<long>();
        }

        return (double)correct / data.TestCount;
    }
}
