using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Deepstruct.Data;
using Deepstruct.Graphs;
using Spectre.Console;
using TorchSharp;

namespace Deepstruct.FashionMnistSample;

/// <summary>Runs every experiment for every seed and writes the results.</summary>
public sealed class ExperimentRunner
{
    public const string DenseMethod = "dense LeNet-300-100";
    public const string LotteryTicketMethod = "lottery ticket (IMP, rewind to init)";
    public const string OneShotMethod = "one-shot magnitude + fine-tune";
    public const string RandomMaskMethod = "random mask (control)";
    public const string NeuronPruningMethod = "neuron pruning + compaction";
    public const int InputSize = 784;
    public const int Classes = 10;

    /// <summary>The shares of the dense network's weights that pruning and the priors aim at.</summary>
    public static IReadOnlyList<double> Levels { get; } = new[] { 0.5, 0.2, 0.1, 0.05, 0.02 };

    /// <summary>LeNet-300-100's hidden layers.</summary>
    public static IReadOnlyList<int> Hidden { get; } = new[] { 300, 100 };

    private readonly ExperimentOptions _options;
    private readonly IAnsiConsole _console;
    private readonly List<RunRecord> _runs = new();
    private readonly List<InferenceTiming> _timings = new();

    public ExperimentRunner(ExperimentOptions options, IAnsiConsole console)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _console = console ?? throw new ArgumentNullException(nameof(console));
    }

    /// <summary>The runs so far.</summary>
    public IReadOnlyList<RunRecord> Runs => _runs;

    /// <summary>The inference times of the neuron-pruned networks so far.</summary>
    public IReadOnlyList<InferenceTiming> Timings => _timings;

    /// <summary>Methods the table lists as missing, with the reason (none at present).</summary>
    public static IReadOnlyList<MissingMethod> Missing { get; } = Array.Empty<MissingMethod>();

    /// <summary>The neuron-pruning levels: per weight level, the share of neurons whose compacted network comes closest to it.</summary>
    public static IReadOnlyList<NeuronLevel> NeuronLevels { get; } = Levels.Select(level => NeuronLevel.Closest(level, InputSize, Hidden, Classes)).ToList();

    /// <summary>Parses the arguments, runs, and returns the process's exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Execute(IReadOnlyList<string> args, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        ExperimentOptions options;
        try
        {
            options = ExperimentOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            console.MarkupLineInterpolated($"[red]{exception.Message.Split(" (Parameter")[0]}[/]");
            console.WriteLine(ExperimentOptions.Usage);
            return ExitCodes.BadArguments;
        }

        if (options.Help)
        {
            console.WriteLine(ExperimentOptions.Usage);
            return ExitCodes.Success;
        }

        return options.ReplotFolder is { } replot ? new ExperimentRunner(options, console).Replot(replot) : new ExperimentRunner(options, console).Run();
    }

    /// <summary>Loads the data, runs everything, writes the results; returns the exit code.</summary>
    public int Run()
    {
        torch.set_num_threads(_options.Threads);
        FashionData data;
        try
        {
            data = FashionData.Load(_options.DataFolder, _options.TrainLimit, _options.TestLimit);
        }
        catch (DatasetFileException exception)
        {
            _console.MarkupLineInterpolated($"[red]Fashion-MNIST is not there or not readable:[/] {exception.Message}");
            _console.WriteLine("Get it with: sudo apt-get install dataset-fashion-mnist   (the files go to " + FashionMnist.DefaultFolder + ")");
            _console.WriteLine($"or download the four IDX files from https://github.com/zalandoresearch/fashion-mnist and pass --data <folder> or set {FashionMnist.FolderVariable}.");
            return ExitCodes.DataMissing;
        }

        using (data)
        {
            return RunAll(data);
        }
    }

    private int RunAll(FashionData data)
    {
        var recipe = _options.Recipe;
        var seeds = Enumerable.Range(1, _options.Seeds).ToList();
        var loadAtStart = LoadAverage();
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        _console.MarkupLineInterpolated($"[bold]Fashion-MNIST[/] from {FashionMnist.ResolveFolder(_options.DataFolder)}: {data.TrainCount:N0} training, {data.TestCount:N0} test examples{(_options.Quick ? " (--quick)" : "")}");
        _console.MarkupLineInterpolated($"[bold]seeds[/]: {string.Join(", ", seeds)}; [bold]recipe[/]: {recipe}; {_options.Threads} torch thread(s)");

        var epochsPerSeed = recipe.Epochs * (1 + (2 * Levels.Count) + (PriorFamily.All.Count * Levels.Count)) + (2 * recipe.FineTuneEpochs * Levels.Count);
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var total = context.AddTask("all runs", maxValue: epochsPerSeed * seeds.Count);
                foreach (var seed in seeds)
                {
                    RunSeed(data, seed, total);
                }
            });

        clock.Stop();
        var summaries = ResultSummary.Of(_runs);
        var denseWeights = _runs.First(run => run.Method == DenseMethod).Weights;
        var table = ResultsWriter.MarkdownTable(summaries, Missing, denseWeights)
            + Environment.NewLine + ResultsWriter.InferenceTable(_timings, denseWeights);
        WriteResults(summaries, table, denseWeights, started, clock.Elapsed, loadAtStart, LoadAverage());
        PrintTable(summaries, denseWeights);
        _console.MarkupLineInterpolated($"Done in {clock.Elapsed:hh\\:mm\\:ss}; results in [bold]{Path.GetFullPath(_options.OutputFolder)}[/] (results.md, runs.csv, summary.csv, layers.csv, inference.csv, accuracy.png, accuracy-zoom.png, layer-sparsity.png).");
        return ExitCodes.Success;
    }

    private void RunSeed(FashionData data, int seed, ProgressTask progress)
    {
        var recipe = _options.Recipe;
        void Epoch() => progress.Increment(1);

        // Dense, from the initialization the lottery ticket rewinds to.
        using var model = NewFfn(seed);
        var denseWeights = Pruning.UnmaskedWeightCount(model);
        using var initial = WeightSnapshot.Take(model, step: 0);
        progress.Description = $"seed {seed}: dense";
        var seconds = Trainer.Train(model, data, recipe, recipe.Epochs, seed, Epoch);
        Record(DenseMethod, 1, seed, model, Trainer.TestAccuracy(model, data), seconds, "784-300-100-10, ReLU");
        var denseMilliseconds = Trainer.InferenceMilliseconds(model, data);
        using var trained = WeightSnapshot.Take(model, step: recipe.Epochs);

        // Lottery ticket: prune the trained network globally by magnitude to the next level, rewind the
        // survivors to their initial values, retrain; each round starts from the previous round's result.
        foreach (var level in Levels)
        {
            progress.Description = FormattableString.Invariant($"seed {seed}: lottery ticket {100 * level:0} %");
            PruneTo(model, level, denseWeights, SaliencySource.Magnitude);
            initial.Rewind(model);
            seconds = Trainer.Train(model, data, recipe, recipe.Epochs, seed, Epoch);
            Record(LotteryTicketMethod, level, seed, model, Trainer.TestAccuracy(model, data), seconds, "global magnitude pruning, rewound to the initialization");
        }

        // One-shot: prune the trained dense network once to the level, fine-tune.
        foreach (var level in Levels)
        {
            progress.Description = FormattableString.Invariant($"seed {seed}: one-shot {100 * level:0} %");
            using var pruned = NewFfn(seed);
            trained.Rewind(pruned);
            PruneTo(pruned, level, denseWeights, SaliencySource.Magnitude);
            seconds = Trainer.Train(pruned, data, recipe, recipe.FineTuneEpochs, seed, Epoch);
            Record(OneShotMethod, level, seed, pruned, Trainer.TestAccuracy(pruned, data), seconds, "global magnitude pruning of the trained dense network, fine-tuned");
        }

        // Control: a random mask of the same size on the same initialization, trained from scratch.
        foreach (var level in Levels)
        {
            progress.Description = FormattableString.Invariant($"seed {seed}: random mask {100 * level:0} %");
            using var masked = NewFfn(seed);
            PruneTo(masked, level, denseWeights, SaliencySource.Random(seed));
            seconds = Trainer.Train(masked, data, recipe, recipe.Epochs, seed, Epoch);
            Record(RandomMaskMethod, level, seed, masked, Trainer.TestAccuracy(masked, data), seconds, "uniformly random global mask, trained from the initialization");
        }

        // Structure priors: a base graph of the family grown to the scale closest to the level's weights.
        foreach (var family in PriorFamily.All)
        {
            var grower = new ScalableDan(LayeredGraph.FromStructure(family.BaseGraph(seed)));
            foreach (var level in Levels)
            {
                progress.Description = FormattableString.Invariant($"seed {seed}: {family.Method} {100 * level:0} %");
                var target = (long)Math.Round(level * denseWeights);
                var (scale, _) = PriorFamily.MatchScale(grower, target, InputSize, Classes);
                torch.manual_seed(seed);
                using var prior = grower.Build(InputSize, Classes, scale);
                seconds = Trainer.Train(prior, data, recipe, recipe.Epochs, seed, Epoch);
                var structure = prior.Structure;
                Record(family.Method, level, seed, prior, Trainer.TestAccuracy(prior, data), seconds,
                    FormattableString.Invariant($"{family.Description} grown with ScalableDan to scale {scale}: {structure.VertexCount} neurons in {structure.LayerCount} layers, {structure.EdgeCount} structure edges, layer norm"));
            }
        }

        // Neuron pruning: remove the least salient hidden neurons of the trained dense network, the same
        // share in each layer, fine-tune like one-shot, then compact to a smaller dense network.
        foreach (var neurons in NeuronLevels)
        {
            progress.Description = FormattableString.Invariant($"seed {seed}: neuron pruning {100 * neurons.Level:0} %");
            using var pruned = NewFfn(seed);
            trained.Rewind(pruned);
            NeuronPruning.Prune(pruned, neurons.Pruned(Hidden), PruningStrategy.Absolute, NeuronSaliency.Magnitude(), PruningScope.PerLayer);
            seconds = Trainer.Train(pruned, data, recipe, recipe.FineTuneEpochs, seed, Epoch);
            var compaction = Compaction.Compact(pruned);
            using var compacted = compaction.Model;
            if (!compacted.HiddenSizes.SequenceEqual(neurons.Kept))
            {
                throw new InvalidOperationException($"Compaction kept [{string.Join(", ", compacted.HiddenSizes)}] hidden neurons, not the [{string.Join(", ", neurons.Kept)}] pruning left.");
            }

            var prunedAccuracy = Trainer.TestAccuracy(pruned, data);
            var accuracy = Trainer.TestAccuracy(compacted, data);
            var difference = Trainer.LargestOutputDifference(pruned, compacted, data);
            var timing = new InferenceTiming(
                neurons.Level, seed, Pruning.UnmaskedWeightCount(compacted), compacted.HiddenSizes.ToList(),
                denseMilliseconds, Trainer.InferenceMilliseconds(pruned, data), Trainer.InferenceMilliseconds(compacted, data));
            _timings.Add(timing);
            var same = prunedAccuracy == accuracy ? "equal" : FormattableString.Invariant($"DIFFERENT: {prunedAccuracy:0.0000}");
            Record(NeuronPruningMethod, neurons.Level, seed, compacted, accuracy, seconds,
                FormattableString.Invariant($"per-layer magnitude neuron pruning (L2 of in and out weights) of the trained dense network to {neurons.KeptPercent} % of each hidden layer's neurons, fine-tuned, compacted to 784-{string.Join("-", compacted.HiddenSizes)}-10 ({compaction.ParametersBefore} -> {compaction.ParametersAfter} parameters); pruned model's accuracy {same}, largest output difference {difference:0.###e+0}; inference ms per 10,000 images: dense {timing.DenseMs:0.0}, pruned {timing.MaskedMs:0.0}, compacted {timing.CompactedMs:0.0}"),
                layersOf: pruned);
            if (prunedAccuracy != accuracy)
            {
                _console.MarkupLineInterpolated($"  [red]the compacted network's accuracy {accuracy} differs from the pruned network's {prunedAccuracy}[/]");
            }
        }
    }

    private static MaskedDeepFfn NewFfn(int seed)
    {
        torch.manual_seed(seed);
        return new MaskedDeepFfn(InputSize, Classes, Hidden.ToArray());
    }

    /// <summary>Masks the least salient weights, over all layers together, until round(level · dense) remain.</summary>
    private static void PruneTo(MaskableModule model, double level, long denseWeights, SaliencySource saliency)
    {
        var target = (long)Math.Round(level * denseWeights);
        var unmasked = Pruning.UnmaskedWeightCount(model);
        if (unmasked > target)
        {
            Pruning.PruneNetworkBySaliency(model, unmasked - target, PruningStrategy.Absolute, saliency);
        }
    }

    // layersOf: the model whose masked layers are recorded, if not model (a compacted model's are all kept).
    private void Record(string method, double level, int seed, MaskableModule model, double accuracy, double secondsPerEpoch, string detail, MaskableModule? layersOf = null)
    {
        var layers = MaskSummary.Of(layersOf ?? model).Layers.Select(layer => new LayerKept(layer.Name, layer.Weights, layer.Kept)).ToList();
        var run = new RunRecord(method, level, seed, Pruning.UnmaskedWeightCount(model), accuracy, secondsPerEpoch, layers, detail);
        _runs.Add(run);
        _console.MarkupLineInterpolated(
            $"  seed {seed}  {method,-38} {run.Weights,9:N0} weights  accuracy {accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}  {secondsPerEpoch.ToString("0.00", CultureInfo.InvariantCulture)} s/epoch");
    }

    private void WriteResults(IReadOnlyList<ResultSummary> summaries, string table, long denseWeights, DateTime started, TimeSpan elapsed, string loadAtStart, string loadAtEnd)
    {
        var folder = Path.GetFullPath(_options.OutputFolder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "runs.csv"), ResultsWriter.RunsCsv(_runs));
        File.WriteAllText(Path.Combine(folder, "summary.csv"), ResultsWriter.SummaryCsv(summaries));
        File.WriteAllText(Path.Combine(folder, "layers.csv"), ResultsWriter.LayersCsv(_runs));
        File.WriteAllText(Path.Combine(folder, "inference.csv"), ResultsWriter.InferenceCsv(_timings));
        DrawPlots(_runs, folder);

        var text = new StringBuilder();
        text.AppendLine(_options.Quick ? "# Fashion-MNIST results (--quick: a subset, one epoch; not comparable with a full run)" : "# Fashion-MNIST results");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- date: {started:yyyy-MM-dd HH:mm} UTC; run time {elapsed:hh\\:mm\\:ss}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {_options.Threads} torch thread(s)"));
        text.AppendLine($"- load (/proc/loadavg) at start: {loadAtStart}; at end: {loadAtEnd}");
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- data: {DataDescription(_options)}"));
        text.AppendLine($"- seeds: {string.Join(", ", _runs.Select(run => run.Seed).Distinct())}");
        text.AppendLine($"- recipe: {_options.Recipe}");
        text.AppendLine();
        text.Append(table);
        text.AppendLine();
        text.AppendLine("![accuracy against weights remaining](accuracy.png)");
        text.AppendLine();
        text.AppendLine("![accuracy against weights remaining, zoomed](accuracy-zoom.png)");
        text.AppendLine();
        text.AppendLine("![per-layer weights remaining](layer-sparsity.png)");
        File.WriteAllText(Path.Combine(folder, "results.md"), text.ToString());

        static string DataDescription(ExperimentOptions options) =>
            options.TrainLimit is null ? "all 60,000 training and 10,000 test examples" : $"the first {options.TrainLimit:N0} training and {options.TestLimit:N0} test examples";
    }

    /// <summary>Draws accuracy.png, accuracy-zoom.png and layer-sparsity.png from the runs into <paramref name="folder"/>.</summary>
    public static void DrawPlots(IReadOnlyList<RunRecord> runs, string folder)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var summaries = ResultSummary.Of(runs);
        var denseWeights = runs.First(run => run.Method == DenseMethod).Weights;
        ResultPlots.Accuracy(summaries, denseWeights, DenseMethod, Path.Combine(folder, "accuracy.png"));
        ResultPlots.Accuracy(summaries, denseWeights, DenseMethod, Path.Combine(folder, "accuracy-zoom.png"), zoom: true);
        ResultPlots.LayerSparsity(runs, new[] { LotteryTicketMethod, OneShotMethod, NeuronPruningMethod }, denseWeights, Path.Combine(folder, "layer-sparsity.png"));
    }

    /// <summary>Redraws the plots of an earlier run from its runs.csv and layers.csv; returns the exit code.</summary>
    public int Replot(string folder)
    {
        var full = Path.GetFullPath(folder);
        var runs = ResultsReader.Runs(File.ReadAllText(Path.Combine(full, "runs.csv")), File.ReadAllText(Path.Combine(full, "layers.csv")));
        DrawPlots(runs, full);
        _console.MarkupLineInterpolated($"Redrew accuracy.png, accuracy-zoom.png and layer-sparsity.png in [bold]{full}[/] from {runs.Count} runs.");
        return ExitCodes.Success;
    }

    private void PrintTable(IReadOnlyList<ResultSummary> summaries, long denseWeights)
    {
        var table = new Table().AddColumns("method", "weights", "of dense", "test accuracy", "seeds", "s/epoch");
        foreach (var row in summaries)
        {
            table.AddRow(
                Markup.Escape(row.Method),
                row.MeanWeights.ToString("N0", CultureInfo.InvariantCulture),
                (100 * row.MeanWeights / denseWeights).ToString("0.0#", CultureInfo.InvariantCulture) + " %",
                $"{row.MeanAccuracy.ToString("0.0000", CultureInfo.InvariantCulture)} ± {row.AccuracySd.ToString("0.0000", CultureInfo.InvariantCulture)}",
                row.Seeds.ToString(CultureInfo.InvariantCulture),
                row.MeanSecondsPerEpoch.ToString("0.00", CultureInfo.InvariantCulture));
        }

        foreach (var row in Missing)
        {
            table.AddRow(Markup.Escape(row.Method), "—", "—", "missing", "—", "—");
        }

        _console.Write(table);

        var inference = new Table().AddColumns("neuron pruning", "weights", "hidden", "dense ms", "pruned ms", "compacted ms", "speed-up");
        foreach (var row in InferenceSummary.Of(_timings))
        {
            inference.AddRow(
                (100 * row.Level).ToString("0.#", CultureInfo.InvariantCulture) + " %",
                row.Weights.ToString("N0", CultureInfo.InvariantCulture),
                string.Join("-", row.Hidden),
                row.DenseMs.ToString("0.0", CultureInfo.InvariantCulture),
                row.MaskedMs.ToString("0.0", CultureInfo.InvariantCulture),
                row.CompactedMs.ToString("0.0", CultureInfo.InvariantCulture),
                (row.DenseMs / row.CompactedMs).ToString("0.0", CultureInfo.InvariantCulture) + "×");
        }

        _console.Write(inference);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
