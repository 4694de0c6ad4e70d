using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Deepstruct;

/// <summary>Prints rows as a plain-text table: the first column left-aligned, the others right-aligned, two spaces apart.</summary>
internal static class TextTable
{
    public static void Append(StringBuilder text, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var column = 0; column < row.Length; column++)
            {
                line.Append(column == 0 ? row[column].PadRight(widths[column]) : "  " + row[column].PadLeft(widths[column]));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
