using Deepstruct;
using Deepstruct.Data;
using Deepstruct.Export;
using Deepstruct.PruneAndDeploy;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// Prune and deploy: train LeNet-300-100 on Fashion-MNIST, prune it, make the pruning pay (compaction,
// sparse inference) and take it out of the process as an ONNX file that ONNX Runtime runs.
// Exit codes: 0 done, 2 bad arguments, 3 the data is missing (the message says how to get it).

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
    return 2;
}

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 132;
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
    AnsiConsole.MarkupLineInterpolated($"[red]Fashion-MNIST is not there.[/] {e.Message}");
    return 3;
}

using (data)
{
    AnsiConsole.MarkupLineInterpolated($"Fashion-MNIST: {data.TrainImages.shape[0]} training and {data.TestImages.shape[0]} test images; seed {options.Seed}, {options.Epochs} epoch(s), one torch thread.");
    var rows = new List<ResultRow>();
    var repetitions = options.Quick ? 20 : 200;

    // 1. Dense: every weight trained.
    using var dense = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
    Step("training the dense model", () => Training.Train(dense, data, options.Epochs, 1e-3, options.Seed));
    rows.Add(TorchRow("dense", dense, data, options, repetitions));
    var denseOnnx = Export(dense, "dense.onnx", options);
    rows.Add(OnnxRow("dense", denseOnnx, Parameters(dense), data, repetitions));

    // 2. Pruned: 90 % of the weights by magnitude, over the whole network, then one epoch of fine-tuning.
    using var pruned = new MaskedDeepFfn(784, 10, new[] { 300, 100 });
    pruned.load_state_dict(dense.state_dict());
    var pruning = Pruning.PruneNetworkBySaliency(pruned, 90);
    Step("fine-tuning the pruned model", () => Training.Train(pruned, data, 1, 1e-3, options.Seed));
    AnsiConsole.WriteLine(pruning.ToString());
    rows.Add(TorchRow("pruned 90 %", pruned, data, options, repetitions));
    var prunedOnnx = Export(pruned, "pruned.onnx", options);
    rows.Add(OnnxRow("pruned 90 %", prunedOnnx, Parameters(pruned), data, repetitions));

    Print(rows);
    return 0;
}

static void Step(string what, Action action)
{
    AnsiConsole.Status().Start(what + " ...", _ => action());
    AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {what}");
}

static long Parameters(MaskableModule model) => Pruning.UnmaskedWeightCount(model)
    + model.parameters().Where(p => p.dim() == 1).Sum(p => p.numel());

static ResultRow TorchRow(string name, MaskableModule model, ImageData data, SampleOptions options, int repetitions)
{
    var path = Path.Combine(options.OutputFolder, name.Replace(' ', '-').Replace("%", "pct") + ".state_dict");
    model.save(path);
    Tensor Predict(Tensor x) => model.call(x);
    return new ResultRow(
        name,
        "TorchSharp",
        Parameters(model),
        new FileInfo(path).Length,
        Path.GetFileName(path),
        Training.Accuracy(Predict, data),
        Latency.OfTorch(Predict, data.TestImages, 1, repetitions),
        Latency.OfTorch(Predict, data.TestImages, 256, repetitions / 4));
}

static string Export(nn.Module model, string file, SampleOptions options)
{
    var path = Path.Combine(options.OutputFolder, file);
    OnnxExport.Save(model, path);
    return path;
}

static ResultRow OnnxRow(string name, string path, long parameters, ImageData data, int repetitions)
{
    using var session = new OnnxSession(path);
    var one = data.TestImages.narrow(0, 0, 1).contiguous().data<float>().ToArray();
    var many = data.TestImages.narrow(0, 0, 256).contiguous().data<float>().ToArray();
    return new ResultRow(
        name,
        "ONNX Runtime",
        parameters,
        new FileInfo(path).Length,
        Path.GetFileName(path),
        Training.Accuracy(session.Predict, data),
        Latency.Median(() => session.Run(one, 1), repetitions),
        Latency.Median(() => session.Run(many, 256), repetitions / 4));
}

static void Print(IReadOnlyList<ResultRow> rows)
{
    var table = new Table().AddColumns("model", "runs in", "parameters", "file", "file size", "test accuracy", "batch 1", "batch 256");
    foreach (var row in rows)
    {
        table.AddRow(
            row.Model,
            row.Runs,
            row.Parameters.ToString("N0"),
            row.File,
            $"{row.FileBytes / 1024.0:N0} KiB",
            row.Accuracy.ToString("P2"),
            $"{row.Batch1.TotalMilliseconds:F3} ms",
            $"{row.Batch256.TotalMilliseconds:F2} ms");
    }

    AnsiConsole.Write(table);
}
