using Deepstruct.FashionMnistSample;
using Spectre.Console;

// Fashion-MNIST experiments: see ExperimentOptions.Usage (--help) and docs/results.md.
if (Console.IsOutputRedirected)
{
    // Spectre assumes 80 columns when it cannot ask a terminal; a log reads better unwrapped.
    AnsiConsole.Console.Profile.Width = 160;
}

return ExperimentRunner.Execute(args, AnsiConsole.Console);
