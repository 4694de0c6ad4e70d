namespace Deepstruct.PruneAndDeploy;

/// <summary>One model of the comparison: how many values it stores and uses, how well it classifies and how fast it infers.</summary>
internal sealed record ResultRow(string Model, string Runs, long Stored, long Parameters, long FileBytes, string File, double Accuracy, TimeSpan Batch1, TimeSpan Batch256);
