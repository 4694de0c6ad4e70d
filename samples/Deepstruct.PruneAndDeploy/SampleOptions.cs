using System.Globalization;

namespace Deepstruct.PruneAndDeploy;

/// <summary>The command line: <c>[--quick] [--data FOLDER] [--out FOLDER] [--seed N] [--epochs N]</c>.</summary>
internal sealed record SampleOptions(bool Quick, string? DataFolder, string OutputFolder, int Seed, int Epochs)
{
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        string? data = null;
        var output = Path.Combine(Path.GetTempPath(), "deepstruct-prune-and-deploy");
        var seed = 1;
        int? epochs = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--data":
                    data = Value(args, ref i);
                    break;
                case "--out":
                    output = Value(args, ref i);
                    break;
                case "--seed":
                    seed = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--epochs":
                    epochs = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick] [--data FOLDER] [--out FOLDER] [--seed N] [--epochs N]", nameof(args));
            }
        }

        return new SampleOptions(quick, data, output, seed, epochs ?? (quick ? 1 : 4));
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.", nameof(args));
}
