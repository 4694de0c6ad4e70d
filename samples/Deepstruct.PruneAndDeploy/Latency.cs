using System.Diagnostics;
using static TorchSharp.torch;

namespace Deepstruct.PruneAndDeploy;

/// <summary>The median time of one inference call, after warm-up.</summary>
internal static class Latency
{
    public static TimeSpan Median(Action run, int repetitions)
    {
        for (var i = 0; i < 5; i++)
        {
            run();
        }

        var times = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return TimeSpan.FromMilliseconds(times[repetitions / 2]);
    }

    /// <summary>The median time of <paramref name="predict"/> on the first <paramref name="batch"/> test images.</summary>
    public static TimeSpan OfTorch(Func<Tensor, Tensor> predict, Tensor images, int batch, int repetitions)
    {
        using var input = images.narrow(0, 0, Math.Min(batch, images.shape[0])).contiguous();
        return Median(
            () =>
            {
                using var noGrad = no_grad();
                using var output = predict(input);
            },
            repetitions);
    }
}
