using System;
using System.Collections.Generic;
using Deepstruct.Structures;

namespace Deepstruct.Binding;

/// <summary>The graph families of the language: parameters in positional order, sizes and builders.</summary>
internal static class FamilyCatalog
{
    public static readonly IReadOnlyDictionary<string, Family> Families = new Dictionary<string, Family>
    {
        ["balanced_tree"] = new(["r", "h"], a => FamilySizes.BalancedTree(a.Int(0), a.Int(1)), a => StructureFamilies.BalancedTree((int)a.Int(0), (int)a.Int(1))),
        ["grid_2d"] = new(["m", "n"], a => FamilySizes.Grid2D(a.Int(0), a.Int(1)), a => StructureFamilies.Grid2D((int)a.Int(0), (int)a.Int(1))),
        ["path"] = new(["n"], a => FamilySizes.Path(a.Int(0)), a => StructureFamilies.Path((int)a.Int(0))),
        ["complete"] = new(["n"], a => FamilySizes.Complete(a.Int(0)), a => StructureFamilies.Complete((int)a.Int(0))),
        ["star"] = new(["n"], a => FamilySizes.Star(a.Int(0)), a => StructureFamilies.Star((int)a.Int(0))),
        ["watts_strogatz"] = new(["n", "k", "p", "seed"], a => FamilySizes.WattsStrogatz(a.Int(0), a.Int(1), a.Real(2)), a => StructureFamilies.WattsStrogatz((int)a.Int(0), (int)a.Int(1), a.Real(2), a.Int(3))),
        ["newman_watts_strogatz"] = new(["n", "k", "p", "seed"], a => FamilySizes.NewmanWattsStrogatz(a.Int(0), a.Int(1), a.Real(2)), a => StructureFamilies.NewmanWattsStrogatz((int)a.Int(0), (int)a.Int(1), a.Real(2), a.Int(3))),
        ["erdos_renyi"] = new(["n", "p", "seed"], a => FamilySizes.ErdosRenyi(a.Int(0), a.Real(1)), a => StructureFamilies.ErdosRenyi((int)a.Int(0), a.Real(1), a.Int(2))),
        ["barabasi_albert"] = new(["n", "m", "seed"], a => FamilySizes.BarabasiAlbert(a.Int(0), a.Int(1)), a => StructureFamilies.BarabasiAlbert((int)a.Int(0), (int)a.Int(1), a.Int(2))),
        ["random_dag"] = new(["n", "p", "seed"], a => FamilySizes.RandomDag(a.Int(0), a.Real(1)), a => StructureFamilies.RandomDag((int)a.Int(0), a.Real(1), a.Int(2))),
    };

    /// <summary>Whether the parameter is a probability (read as a number) rather than an integer.</summary>
    public static bool IsProbability(string parameter) => parameter == "p";

    /// <summary>Whether the parameter is a seed (any 64-bit integer) rather than a size.</summary>
    public static bool IsSeed(string parameter) => parameter == "seed";

    /// <summary>A family: its parameters, its size from arguments alone, and its builder.</summary>
    internal sealed class Family(string[] parameters, Func<FamilyArguments, FamilySize> size, Func<FamilyArguments, Structure> build)
    {
        public IReadOnlyList<string> Parameters { get; } = parameters;

        public FamilySize Size(FamilyArguments arguments) => size(arguments);

        public Structure Build(FamilyArguments arguments) => build(arguments);
    }

    /// <summary>Argument values by position: integers and probabilities.</summary>
    internal sealed class FamilyArguments(long[] integers, double[] reals)
    {
        public long Int(int index) => integers[index];

        public double Real(int index) => reals[index];
    }
}
