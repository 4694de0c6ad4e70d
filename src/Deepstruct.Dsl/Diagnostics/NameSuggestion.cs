using System;
using System.Collections.Generic;

namespace Deepstruct.Diagnostics;

/// <summary>"Did you mean" for unknown names: the candidate nearest by edit distance, if near enough.</summary>
internal static class NameSuggestion
{
    /// <summary>Names longer than this are not compared: the suggestion is a courtesy, not worth quadratic work.</summary>
    private const int LongestComparedName = 64;

    /// <summary>The candidates considered are bounded for the same reason (a structure may name a million vertices).</summary>
    private const int MostCandidates = 2_000;

    /// <summary>Returns <c> (did you mean 'x'?)</c> or an empty string.</summary>
    public static string Hint(string found, IEnumerable<string> candidates)
    {
        var best = Nearest(found, candidates);
        return best is null ? string.Empty : $" (did you mean '{best}'?)";
    }

    public static string? Nearest(string found, IEnumerable<string> candidates)
    {
        if (found.Length > LongestComparedName)
        {
            return null;
        }

        // Allow roughly one edit per three characters, at least one.
        var allowed = Math.Max(1, found.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        var considered = 0;
        foreach (var candidate in candidates)
        {
            if (++considered > MostCandidates)
            {
                break;
            }

            if (candidate.Length > LongestComparedName || Math.Abs(candidate.Length - found.Length) > allowed)
            {
                continue;
            }

            var distance = Distance(found, candidate);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment), since
    /// "paht" for "path" is one slip; case-insensitive so that a wrong capital counts as close.
    /// </summary>
    internal static int Distance(string a, string b)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
