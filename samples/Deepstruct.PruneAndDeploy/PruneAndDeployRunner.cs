using Deepstruct;
using Deepstruct.Data;
using Deepstruct.Export;
using Deepstruct.Inference;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.PruneAndDeploy;

/// <summary>
/// Prune and deploy: train LeNet-300-100 on Fashion-MNIST, prune it, make the pruning pay (compaction,
/// sparse inference) and take it out of the process as an ONNX file that ONNX Runtime runs.
/// </summary>
public static class PruneAndDeployRunner
{
    /// <summary>The experiment ran and printed its table.</summary>
    public const int Success = 0;

    /// <summary>A check failed: the compacted model or the ONNX file does not compute the pruned model's function.</summary>
    public const int CheckFailed = 1;

    /// <summary>An argument is unknown or has a bad value.</summary>
    public const int BadArguments = 2;

    /// <summary>The Fashion-MNIST files are missing or malformed; the message says how to install them.</summary>
    public const int DataMissing = 3;

    /// <summary>Runs the sample with <paramref name="args"/>, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static int Execute(IReadOnlyList<string> args, IAnsiConsole console)
    {
        SampleOptions options;
        try
        {
            options = SampleOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return BadArguments;
        }

        torch.set_num_threads(1);
        torch.manual_seed(options.Seed);
        Directory.CreateDirectory(options.OutputFolder);

        ImageData data;
        try
        {
            data = ImageData.Load(options.DataFolder, options.Quick ? 5000 : null);
        }
        catch (DatasetFileException e)
        {
            console.MarkupLineInterpolated($"[red]Fashion-MNIST is not there.[/] {e.Message}");
            return DataMissing;
        }

        using (data)
        {
            console.MarkupLineInterpolated($"Fashion-MNIST: {data.TrainImages.shape[0]} training and {data.TestImages.shape[0]} test images; seed {options.Seed}, {options.Epochs} epoch(s), one torch thread.");
            var rows = new List<ResultRow>();
            var repetitions = options.Quick ? 20 : 200;

            // 1. Dense: every weight trained.
            using var dense = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
            Step(console, "training the dense model", () => Training.Train(dense, data, options.Epochs, 1e-3, options.Seed));
            rows.Add(TorchRow("dense", dense, data, options, repetitions));
            var denseOnnx = Export(dense, "dense.onnx", options);
            rows.Add(OnnxRow("dense", denseOnnx, Parameters(dense), data, repetitions));

            // 2. Pruned: half of each hidden layer's neurons (the smallest by the L2 norm of their incoming and
            // outgoing weights), then 80 % of the remaining weights by magnitude, fine-tuning after each step.
            using var pruned = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
            pruned.load_state_dict(dense.state_dict());
            var neurons = NeuronPruning.Prune(pruned, 50, scope: PruningScope.PerLayer);
            Step(console, "fine-tuning after neuron pruning", () => Training.Train(pruned, data, 1, 1e-3, options.Seed));
            var weights = Pruning.PruneNetworkBySaliency(pruned, 80);
            Step(console, "fine-tuning after weight pruning", () => Training.Train(pruned, data, 1, 1e-3, options.Seed));
            console.WriteLine(neurons.ToString());
            console.WriteLine(weights.ToString());
            rows.Add(TorchRow("pruned", pruned, data, options, repetitions));

            // 3. Compacted: the pruned neurons are gone, so the matrices are smaller; same function.
            var compaction = Compaction.Compact(pruned);
            using var compacted = compaction.Model;
            console.WriteLine(compaction.ToString());
            var compactionDifference = LargestDifference(pruned.call, compacted.call, data);
            console.MarkupLineInterpolated($"largest difference between the pruned and the compacted model's outputs on the test set: {compactionDifference:G3}");
            rows.Add(TorchRow("compacted", compacted, data, options, repetitions));

            // 4. Sparse: the compacted model's remaining unstructured sparsity, computed from its unmasked weights only.
            // Each layer runs sparse (CSR) at density ≤ 0.15 and dense with its mask folded in once above: see docs/sparse-inference.md.
            using var sparse = SparseInference.Prepare(compacted);
            foreach (var layer in sparse.Layers)
            {
                console.WriteLine($"inference-only layer {layer}");
            }

            rows.Add(new ResultRow(
                "compacted, prepared",
                "SparseInference",
                sparse.Layers.Sum(layer => layer.IsSparse ? layer.WeightCount : layer.InFeatures * layer.OutFeatures) + compacted.parameters().Where(p => p.dim() == 1).Sum(p => p.numel()),
                Parameters(compacted),
                0,
                "(in memory)",
                Training.Accuracy(sparse.call, data),
                Latency.OfTorch(sparse.call, data.TestImages, 1, repetitions),
                Latency.OfTorch(sparse.call, data.TestImages, 256, repetitions / 4)));

            // 5. Deployed: the compacted model as an ONNX file (its sparse matrices stored sparsely), run by ONNX Runtime.
            var compactedOnnx = Export(compacted, "compacted.onnx", options);
            double onnxDifference;
            using (var session = new OnnxSession(compactedOnnx))
            {
                onnxDifference = LargestDifference(compacted.call, session.Predict, data);
            }

            console.MarkupLineInterpolated($"largest difference between TorchSharp's and ONNX Runtime's outputs of the compacted model on the test set: {onnxDifference:G3}");
            rows.Add(OnnxRow("compacted", compactedOnnx, Parameters(compacted), data, repetitions));

            Print(console, rows);

            // Outputs are logits of magnitude ~10; float32 sums of a few hundred terms differ by ~1e-5 between kernels.
            const double tolerance = 1e-3;
            if (compactionDifference > tolerance || onnxDifference > tolerance)
            {
                console.MarkupLineInterpolated($"[red]A check failed: the compacted model and the ONNX file must compute the pruned model's function (differences {compactionDifference:G3} and {onnxDifference:G3}, tolerance {tolerance}).[/]");
                return CheckFailed;
            }

            return Success;
        }
    }

    private static void Step(IAnsiConsole console, string what, Action action)
    {
        console.Status().Start(what + " ...", _ => action());
        console.MarkupLineInterpolated($"[green]done[/]: {what}");
    }

    // Every value the model holds, masked or not: what pruning alone does not shrink.
    private static long Stored(MaskableModule model) => model.parameters().Sum(p => p.numel());

    // The weights and biases that take part in the function: unmasked weights and all biases.
    private static long Parameters(MaskableModule model) => Pruning.UnmaskedWeightCount(model)
        + model.parameters().Where(p => p.dim() == 1).Sum(p => p.numel());

    private static ResultRow TorchRow(string name, MaskableModule model, ImageData data, SampleOptions options, int repetitions)
    {
        var path = Path.Combine(options.OutputFolder, name.Replace(' ', '-').Replace("%", "pct") + ".state_dict");
        model.save(path);
        Tensor Predict(Tensor x) => model.call(x);
        return new ResultRow(
            name,
            "TorchSharp",
            Stored(model),
            Parameters(model),
            new FileInfo(path).Length,
            Path.GetFileName(path),
            Training.Accuracy(Predict, data),
            Latency.OfTorch(Predict, data.TestImages, 1, repetitions),
            Latency.OfTorch(Predict, data.TestImages, 256, repetitions / 4));
    }

    private static string Export(nn.Module model, string file, SampleOptions options)
    {
        var path = Path.Combine(options.OutputFolder, file);
        OnnxExport.Save(model, path);
        return path;
    }

    private static ResultRow OnnxRow(string name, string path, long parameters, ImageData data, int repetitions)
    {
        using var session = new OnnxSession(path);
        var one = data.TestImages.narrow(0, 0, 1).contiguous().data<float>().ToArray();
        var batch = (int)Math.Min(256, data.TestImages.shape[0]);
        var many = data.TestImages.narrow(0, 0, batch).contiguous().data<float>().ToArray();
        return new ResultRow(
            name,
            "ONNX Runtime",
            parameters,
            parameters,
            new FileInfo(path).Length,
            Path.GetFileName(path),
            Training.Accuracy(session.Predict, data),
            Latency.Median(() => session.Run(one, 1), repetitions),
            Latency.Median(() => session.Run(many, batch), repetitions / 4));
    }

    private static double LargestDifference(Func<Tensor, Tensor> first, Func<Tensor, Tensor> second, ImageData data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return (first(data.TestImages) - second(data.TestImages)).abs().max().item<float>();
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<ResultRow> rows)
    {
        var table = new Table().AddColumns("model", "runs in", "values stored", "values used", "file", "file size", "test accuracy", "batch 1", "batch 256");
        foreach (var row in rows)
        {
            table.AddRow(
                row.Model,
                row.Runs,
                row.Stored.ToString("N0"),
                row.Parameters.ToString("N0"),
                row.File,
                row.FileBytes > 0 ? $"{row.FileBytes / 1024.0:N0} KiB" : "-",
                row.Accuracy.ToString("P2"),
                $"{row.Batch1.TotalMilliseconds:F3} ms",
                $"{row.Batch256.TotalMilliseconds:F2} ms");
        }

        console.Write(table);
    }
}
