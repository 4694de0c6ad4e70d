using System;
using System.Collections.Generic;
using System.Linq;

namespace Deepstruct.Structures;

/// <summary>Thrown when a structure that must be acyclic has a cycle; <see cref="Cycle"/> names it.</summary>
public sealed class StructureCycleException : ArgumentException
{
    /// <summary>Creates the exception for a cycle given in edge order.</summary>
    public StructureCycleException(IReadOnlyList<int> cycle)
        : base(Describe(cycle), "edges")
    {
        Cycle = cycle;
    }

    /// <summary>The cycle's vertices in edge order; the last has an edge back to the first.</summary>
    public IReadOnlyList<int> Cycle { get; }

    /// <summary>Writes a cycle as <c>a -> b -> c -> a</c>.</summary>
    public static string FormatCycle<T>(IReadOnlyList<T> cycle)
    {
        Guard.NotNull(cycle, nameof(cycle));
        return string.Join(" -> ", cycle.Concat(cycle.Take(1)));
    }

    private static string Describe(IReadOnlyList<int> cycle) =>
        $"The structure is not acyclic: it has the cycle {FormatCycle(cycle)}.";
}
