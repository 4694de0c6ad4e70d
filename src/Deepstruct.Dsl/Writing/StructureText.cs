using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Deepstruct.Structures;
using Deepstruct.Syntax;

namespace Deepstruct.Writing;

/// <summary>
/// Writes the statements of a structure body: the declarations of its runs in index order, then its
/// edges run pair by run pair, one <c>A -> B;</c> for a complete pair, otherwise grouped by source
/// or by target (whichever is shorter) with index ranges.
/// </summary>
internal static class StructureText
{
    /// <summary>Declarations per statement, so a line stays readable.</summary>
    private const int DeclarationsPerLine = 8;

    public static void AppendBody(StringBuilder text, string indent, IReadOnlyList<NamedRun> runs, Structure structure)
    {
        var runOf = new int[structure.VertexCount];
        for (var r = 0; r < runs.Count; r++)
        {
            for (var vertex = runs[r].First; vertex < runs[r].First + runs[r].Length; vertex++)
            {
                runOf[vertex] = r;
            }
        }

        AppendDeclarations(text, indent, runs);

        // Edges by run pair, in order of the source run, then the target run.
        var pairs = new SortedDictionary<(int Source, int Target), List<(int Source, int Target)>>();
        foreach (var edge in structure.Edges)
        {
            var key = (runOf[edge.Source], runOf[edge.Target]);
            if (!pairs.TryGetValue(key, out var list))
            {
                pairs.Add(key, list = new List<(int, int)>());
            }

            list.Add((edge.Source - runs[key.Item1].First, edge.Target - runs[key.Item2].First));
        }

        foreach (var pair in pairs)
        {
            var source = runs[pair.Key.Source];
            var target = runs[pair.Key.Target];
            var edges = pair.Value;
            if (edges.Count == (long)source.Length * target.Length)
            {
                text.Append(indent).Append(source.Name).Append(" -> ").Append(target.Name).Append(";\n");
                continue;
            }

            var bySource = Grouped(indent, edges, source, target, keyIsSource: true);
            var byTarget = Grouped(indent, edges.Select(edge => (edge.Target, edge.Source)).OrderBy(edge => edge).ToList(), target, source, keyIsSource: false);
            text.Append(bySource.Length <= byTarget.Length ? bySource : byTarget);
        }
    }

    /// <summary>Runs of one kind in a row share a statement (<c>vertex a, b;</c>, <c>block h[3], g[4];</c>); the order is the index order.</summary>
    private static void AppendDeclarations(StringBuilder text, string indent, IReadOnlyList<NamedRun> runs)
    {
        var start = 0;
        while (start < runs.Count)
        {
            var isBlock = runs[start].IsBlock;
            var end = start;
            while (end < runs.Count && runs[end].IsBlock == isBlock && end - start < DeclarationsPerLine)
            {
                end++;
            }

            var declared = runs.Skip(start).Take(end - start).Select(run => isBlock ? string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", run.Name, run.Length) : run.Name);
            text.Append(indent).Append(isBlock ? Keywords.Block : Keywords.Vertex).Append(' ').Append(string.Join(", ", declared)).Append(";\n");
            start = end;
        }
    }

    /// <summary>Statements for edges sorted by key then member: consecutive keys with the same members share one statement.</summary>
    private static string Grouped(string indent, List<(int Key, int Member)> edges, NamedRun keyRun, NamedRun memberRun, bool keyIsSource)
    {
        var text = new StringBuilder();
        string? pendingMembers = null;
        var firstKey = 0;
        var lastKey = 0;
        void Flush()
        {
            if (pendingMembers is null)
            {
                return;
            }

            var keys = Reference(keyRun, firstKey, lastKey);
            text.Append(indent).Append(keyIsSource ? keys : pendingMembers).Append(" -> ").Append(keyIsSource ? pendingMembers : keys).Append(";\n");
        }

        var i = 0;
        while (i < edges.Count)
        {
            var key = edges[i].Key;
            var members = new StringBuilder();
            while (i < edges.Count && edges[i].Key == key)
            {
                var start = edges[i].Member;
                var end = start;
                i++;
                while (i < edges.Count && edges[i].Key == key && edges[i].Member == end + 1)
                {
                    end++;
                    i++;
                }

                members.Append(members.Length == 0 ? string.Empty : ", ").Append(Reference(memberRun, start, end));
            }

            var memberText = members.ToString();
            if (pendingMembers is not null && key == lastKey + 1 && memberText == pendingMembers)
            {
                lastKey = key;
                continue;
            }

            Flush();
            pendingMembers = memberText;
            firstKey = lastKey = key;
        }

        Flush();
        return text.ToString();
    }

    private static string Reference(NamedRun run, int first, int last) =>
        first == 0 && last == run.Length - 1 ? run.Name
        : first == last ? string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", run.Name, first)
        : string.Format(CultureInfo.InvariantCulture, "{0}[{1}..{2}]", run.Name, first, last);
}
