using System.Globalization;
using System.Text;

namespace Deepstruct.FashionMnistSample;

/// <summary>Reads back the runs that <see cref="ResultsWriter"/> wrote (runs.csv and layers.csv), to redraw the plots.</summary>
public static class ResultsReader
{
    /// <summary>The runs of <paramref name="runsCsv"/> with their layers from <paramref name="layersCsv"/>.</summary>
    /// <exception cref="FormatException">A line does not have the columns the writer writes.</exception>
    public static IReadOnlyList<RunRecord> Runs(string runsCsv, string layersCsv)
    {
        ArgumentNullException.ThrowIfNull(runsCsv);
        ArgumentNullException.ThrowIfNull(layersCsv);
        var layers = new Dictionary<(string, double, int), List<LayerKept>>();
        foreach (var fields in Rows(layersCsv, 6))
        {
            var key = (fields[0], Number(fields[1]), (int)Whole(fields[2]));
            if (!layers.TryGetValue(key, out var list))
            {
                layers[key] = list = new List<LayerKept>();
            }

            list.Add(new LayerKept(fields[3], Whole(fields[4]), Whole(fields[5])));
        }

        return Rows(runsCsv, 7)
            .Select(fields =>
            {
                var key = (fields[0], Number(fields[1]), (int)Whole(fields[2]));
                return new RunRecord(key.Item1, key.Item2, key.Item3, Whole(fields[3]), Number(fields[4]), Number(fields[5]),
                    layers.TryGetValue(key, out var list) ? list : new List<LayerKept>(), fields[6]);
            })
            .ToList();
    }

    /// <summary>The fields of each line after the header; a quoted field may hold commas and doubled quotes.</summary>
    public static IEnumerable<string[]> Rows(string csv, int columns)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var n = 1; n < lines.Length; n++)
        {
            var fields = Split(lines[n]);
            if (fields.Count != columns)
            {
                throw new FormatException($"Line {n + 1} has {fields.Count} fields, not {columns}: {lines[n]}");
            }

            yield return fields.ToArray();
        }
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Whole(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
