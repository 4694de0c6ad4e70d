using Deepstruct.PruneAndDeploy;
using Spectre.Console;

// Prune and deploy (see PruneAndDeployRunner). Exit codes: 0 done, 1 a check failed, 2 bad arguments, 3 data missing or malformed.
if (Console.IsOutputRedirected)
{
    // Spectre assumes 80 columns when it cannot ask a terminal; a log reads better unwrapped.
    AnsiConsole.Console.Profile.Width = 160;
}

return PruneAndDeployRunner.Execute(args, AnsiConsole.Console);
