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

    /// <summary>
    /// The median wall-clock milliseconds of a pass over the test set (in evaluation batches, no
    /// gradients) over <paramref name="passes"/> passes after one warm-up pass, scaled to 10,000 images.
    /// </summary>
    public static double InferenceMilliseconds(MaskableModule model, FashionData data, int passes = 5)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        model.eval();
        using var noGrad = no_grad();
        var times = new List<double>();
        var watch = new Stopwatch();
        for (var pass = 0; pass <= passes; pass++)
        {
            watch.Restart();
            for (long start = 0; start < data.TestCount; start += EvaluationBatch)
            {
                using var scope = NewDisposeScope();
                model.call(data.TestInputs.narrow(0, start, Math.Min(EvaluationBatch, data.TestCount - start)));
            }

            watch.Stop();
            if (pass > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return median * 10_000 / data.TestCount;
    }

    /// <summary>The largest absolute difference between two models' outputs over the test set.</summary>
    public static double LargestOutputDifference(MaskableModule first, MaskableModule second, FashionData data)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(data);
        first.eval();
        second.eval();
        using var noGrad = no_grad();
        double largest = 0;
        for (long start = 0; start < data.TestCount; start += EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            var inputs = data.TestInputs.narrow(0, start, Math.Min(EvaluationBatch, data.TestCount - start));
            largest = Math.Max(largest, (first.call(inputs) - second.call(inputs)).abs().max().item<float>());
        }

        return largest;
    }
}
