using System.Text.RegularExpressions;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>
/// A fenced code block of a Markdown file in the repository, with the <c>&lt;!-- doc-test: … --&gt;</c>
/// markers written right before it (see <see cref="DocumentationCodeBlockTests"/> for what they mean).
/// </summary>
/// <param name="File">The Markdown file, relative to the repository root (<c>docs/runtime.md</c>).</param>
/// <param name="FenceLine">The 1-based line of the opening fence.</param>
/// <param name="Info">The fence's info string (<c>csharp</c>, <c>dsnet-rejected DS2001</c>, empty).</param>
/// <param name="Code">The lines between the fences, joined by <c>\n</c>; line 1 is <paramref name="FenceLine"/> + 1.</param>
/// <param name="Markers">The markers, in order, each with the 1-based line where it starts.</param>
internal sealed partial record MarkdownCodeBlock(string File, int FenceLine, string Info, string Code, IReadOnlyList<(int Line, string Key, string Value)> Markers)
{
    /// <summary>The first line of the code.</summary>
    public int CodeLine => FenceLine + 1;

    public string Where => $"{File}:{FenceLine}";

    /// <summary>The value of the one marker <paramref name="key"/>, or null when the block has none.</summary>
    public (int Line, string Value)? Marker(string key) =>
        Markers.Where(marker => marker.Key == key).Select(marker => ((int, string)?)(marker.Line, marker.Value)).SingleOrDefault();

    /// <summary>The fenced blocks of <paramref name="text"/>, a Markdown file's text.</summary>
    public static List<MarkdownCodeBlock> Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        var pending = new List<(int, string, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("<!-- doc-test", StringComparison.Ordinal))
            {
                // A marker may span lines (a given: of several statements); it ends at the first -->.
                var start = i;
                var marker = line.TrimStart();
                while (!marker.Contains("-->", StringComparison.Ordinal) && i + 1 < lines.Length)
                {
                    marker += "\n" + lines[++i];
                }

                var match = MarkerSyntax().Match(marker);
                if (!match.Success)
                {
                    throw new FormatException($"{file}:{start + 1}: a doc-test marker must read '<!-- doc-test: KEY: VALUE -->' or '<!-- doc-test: KEY -->'.");
                }

                pending.Add((start + 1, match.Groups["key"].Value, match.Groups["value"].Value.Trim()));
                continue;
            }

            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                if (pending.Count > 0 && line.Trim().Length > 0)
                {
                    throw new FormatException($"{file}:{pending[0].Item1}: a doc-test marker must be followed by a code block.");
                }

                continue;
            }

            var end = i + 1;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: the code block is not closed.");
            }

            blocks.Add(new(file, i + 1, line[3..].Trim(), string.Join("\n", lines[(i + 1)..end]), [.. pending]));
            pending.Clear();
            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^<!-- doc-test: (?<key>[a-z-]+)(?::(?<value>[\s\S]*?))?\s*-->$")]
    private static partial Regex MarkerSyntax();
}
