using System;
using System.Collections.Generic;
using System.Globalization;
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

    /// <summary>The most vertices a cycle is written out with; a longer one shows its first and last few.</summary>
    public const int MaximumShownVertices = 12;

    /// <summary>
    /// Writes a cycle as <c>a -> b -> c -> a</c>; one of more than <see cref="MaximumShownVertices"/>
    /// vertices as its first and last six and its length (<c>0 -> 1 -> 2 -> 3 -> 4 -> 5 -> … -> 999994 -> … ->
    /// 999999 -> 0 (1000000 vertices)</c>), so that a message stays short whatever the cycle.
    /// </summary>
    public static string FormatCycle<T>(IReadOnlyList<T> cycle)
    {
        Guard.NotNull(cycle, nameof(cycle));
        if (cycle.Count <= MaximumShownVertices)
        {
            return string.Join(" -> ", cycle.Concat(cycle.Take(1)));
        }

        const int shown = MaximumShownVertices / 2;
        var head = Enumerable.Range(0, shown).Select(i => cycle[i]);
        var tail = Enumerable.Range(cycle.Count - shown, shown).Select(i => cycle[i]);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} -> … -> {1} -> {2} ({3} vertices)",
            string.Join(" -> ", head),
            string.Join(" -> ", tail),
            cycle[0],
            cycle.Count);
    }

    private static string Describe(IReadOnlyList<int> cycle) =>
        $"The structure is not acyclic: it has the cycle {FormatCycle(cycle)}.";
}
