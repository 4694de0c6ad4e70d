using System.Globalization;

namespace Deepstruct.FashionMnistSample;

/// <summary>The command line: what to run, on which data, where the results go.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Train examples in <c>--quick</c> mode (the first ones of the file).</summary>
    public const int QuickTrainExamples = 4000;

    /// <summary>Test examples in <c>--quick</c> mode.</summary>
    public const int QuickTestExamples = 2000;

    public bool Quick { get; init; }

    /// <summary>The folder with the four IDX files; null for FashionMnist's choice (env var, then the Debian package's folder).</summary>
    public string? DataFolder { get; init; }

    public string OutputFolder { get; init; } = "fashion-mnist-results";

    public int Seeds { get; init; } = 3;

    public int Threads { get; init; } = 2;

    public TrainingRecipe Recipe { get; init; } = TrainingRecipe.Full;

    /// <summary>At most this many training examples (null: all).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>At most this many test examples (null: all).</summary>
    public int? TestLimit { get; init; }

    public bool Help { get; init; }

    /// <summary>Only redraw the plots of an earlier run in this folder, from its CSV files.</summary>
    public string? ReplotFolder { get; init; }

    public const string Usage = """
        Fashion-MNIST experiments: dense LeNet-300-100, lottery-ticket and one-shot magnitude pruning,
        random masks and structure priors at 50, 20, 10, 5 and 2 % of the dense weights.

        usage: dotnet run -c Release --project samples/Deepstruct.FashionMnist -- [options]

          --quick              4,000 training and 2,000 test examples, one epoch, one seed (about a minute)
          --data <folder>      the four IDX files (default: $DEEPSTRUCT_FASHION_MNIST, else
                               /usr/share/datasets/fashion-mnist, where apt-get install dataset-fashion-mnist puts them)
          --out <folder>       where results go (default: fashion-mnist-results)
          --seeds <n>          seeds 1..n (default: 3; --quick: 1)
          --epochs <n>         epochs of every training run (default: 6; --quick: 1)
          --fine-tune-epochs <n>  epochs of fine-tuning after one-shot pruning (default: 3; --quick: 1)
          --batch-size <n>     examples per step (default: 256)
          --learning-rate <x>  Adam's initial learning rate, cosine-decayed to 0 in every run (default: 0.002)
          --threads <n>        torch intra-op threads (default: 2)
          --replot <folder>    only redraw the plots of an earlier run from its runs.csv and layers.csv
          --help               this text

        exit codes: 0 done, 2 bad arguments, 3 data missing or malformed
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user on bad ones.</summary>
    public static ExperimentOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var options = quick
            ? new ExperimentOptions { Quick = true, Seeds = 1, Recipe = TrainingRecipe.Quick, TrainLimit = QuickTrainExamples, TestLimit = QuickTestExamples }
            : new ExperimentOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--quick":
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                case "--data":
                    options = options with { DataFolder = Value(args, ref i) };
                    break;
                case "--replot":
                    options = options with { ReplotFolder = Value(args, ref i) };
                    break;
                case "--out":
                    options = options with { OutputFolder = Value(args, ref i) };
                    break;
                case "--seeds":
                    options = options with { Seeds = Positive(args, ref i) };
                    break;
                case "--threads":
                    options = options with { Threads = Positive(args, ref i) };
                    break;
                case "--epochs":
                    options = options with { Recipe = options.Recipe with { Epochs = Positive(args, ref i) } };
                    break;
                case "--batch-size":
                    options = options with { Recipe = options.Recipe with { BatchSize = Positive(args, ref i) } };
                    break;
                case "--learning-rate":
                    options = options with { Recipe = options.Recipe with { LearningRate = PositiveNumber(args, ref i) } };
                    break;
                case "--fine-tune-epochs":
                    options = options with { Recipe = options.Recipe with { FineTuneEpochs = Positive(args, ref i) } };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.", nameof(args));
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} needs a value.", nameof(args));
        }

        return args[++i];
    }

    private static double PositiveNumber(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{name} needs a positive number, but was '{text}'.", nameof(args));
        }

        return value;
    }

    private static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new ArgumentException($"{name} needs a whole number of at least 1, but was '{text}'.", nameof(args));
        }

        return value;
    }
}
