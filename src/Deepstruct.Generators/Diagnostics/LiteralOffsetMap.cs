using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>
/// Maps offsets in a string literal's value to positions in the source, through escapes
/// (<c>\n</c>, <c>\u0041</c>, <c>""</c> in verbatim strings) and the indentation a multi-line raw
/// string removes, so a diagnostic inside a <c>[Dsnet("...")]</c> string points at the right text.
/// </summary>
internal sealed class LiteralOffsetMap
{
    private readonly List<int> _starts = new();
    private readonly List<int> _ends = new();
    private int _contentEnd;

    private LiteralOffsetMap()
    {
    }

    /// <summary>Builds the map of a string literal token, or returns null when the token is not one this class understands.</summary>
    public static LiteralOffsetMap? Create(SyntaxToken token)
    {
        var map = new LiteralOffsetMap();
        var text = token.Text;
        var start = token.SpanStart;
        var ok = token.Kind() switch
        {
            SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal) => map.ReadVerbatim(text, start),
            SyntaxKind.StringLiteralToken => map.ReadRegular(text, start),
            SyntaxKind.SingleLineRawStringLiteralToken => map.ReadRawSingleLine(text, start),
            SyntaxKind.MultiLineRawStringLiteralToken => map.ReadRawMultiLine(text, start),
            _ => false,
        };

        // A mismatch means a form this class does not know: better the whole literal than a wrong place.
        return ok && map._starts.Count == token.ValueText.Length ? map : null;
    }

    /// <summary>The source span of the value's characters <c>[offset, offset + length)</c>.</summary>
    public TextSpan Map(int offset, int length)
    {
        var count = _starts.Count;
        if (offset >= count)
        {
            return new TextSpan(_contentEnd, 0);
        }

        offset = System.Math.Max(0, offset);
        var last = System.Math.Min(count - 1, offset + System.Math.Max(length, 1) - 1);
        var begin = _starts[offset];
        var end = length <= 0 ? begin : _ends[last];
        return TextSpan.FromBounds(begin, end);
    }

    private void Add(int start, int end)
    {
        _starts.Add(start);
        _ends.Add(end);
    }

    private bool ReadRegular(string text, int origin)
    {
        var i = 1;
        var limit = text.Length - 1;
        while (i < limit)
        {
            if (text[i] != '\\' || i + 1 >= limit)
            {
                Add(origin + i, origin + i + 1);
                i++;
                continue;
            }

            var width = text[i + 1] switch
            {
                'u' => 6,
                'U' => 10,
                'x' => 2 + HexDigits(text, i + 2, limit),
                _ => 2,
            };
            var produced = 1;
            if (text[i + 1] == 'U' && i + 10 <= limit
                && uint.TryParse(text.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)
                && code > 0xFFFF)
            {
                produced = 2;
            }

            for (var p = 0; p < produced; p++)
            {
                Add(origin + i, origin + i + width);
            }

            i += width;
        }

        _contentEnd = origin + limit;
        return true;
    }

    private static int HexDigits(string text, int from, int limit)
    {
        var count = 0;
        while (count < 4 && from + count < limit && System.Uri.IsHexDigit(text[from + count]))
        {
            count++;
        }

        return count;
    }

    private bool ReadVerbatim(string text, int origin)
    {
        var i = 2;
        var limit = text.Length - 1;
        while (i < limit)
        {
            var width = text[i] == '"' && i + 1 < limit && text[i + 1] == '"' ? 2 : 1;
            Add(origin + i, origin + i + width);
            i += width;
        }

        _contentEnd = origin + limit;
        return true;
    }

    private bool ReadRawSingleLine(string text, int origin)
    {
        var quotes = CountQuotes(text);
        for (var i = quotes; i < text.Length - quotes; i++)
        {
            Add(origin + i, origin + i + 1);
        }

        _contentEnd = origin + text.Length - quotes;
        return true;
    }

    private bool ReadRawMultiLine(string text, int origin)
    {
        var quotes = CountQuotes(text);
        var lines = SplitLines(text);
        if (lines.Count < 3)
        {
            return false;
        }

        // The closing line is indentation followed by the quotes; that indentation is removed from every content line.
        var closing = lines[lines.Count - 1];
        var indentation = 0;
        while (indentation < closing.Length && char.IsWhiteSpace(text[closing.Start + indentation]))
        {
            indentation++;
        }

        for (var l = 1; l < lines.Count - 1; l++)
        {
            var line = lines[l];
            var skip = System.Math.Min(indentation, line.Length);
            for (var i = line.Start + skip; i < line.Start + line.Length; i++)
            {
                Add(origin + i, origin + i + 1);
            }

            // The line break between content lines is part of the value (not the one before the closing line).
            if (l < lines.Count - 2)
            {
                for (var i = line.Start + line.Length; i < lines[l + 1].Start; i++)
                {
                    Add(origin + i, origin + i + 1);
                }
            }
        }

        _contentEnd = origin + lines[lines.Count - 2].Start + lines[lines.Count - 2].Length;
        return quotes > 0;
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        while (count < text.Length && text[count] == '"')
        {
            count++;
        }

        return count;
    }

    private static List<(int Start, int Length)> SplitLines(string text)
    {
        var lines = new List<(int Start, int Length)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // C#'s line breaks: CR, LF, CRLF, NEL, LS and PS (a raw string's lines may end in any of them).
            if (text[i] is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                lines.Add((start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add((start, text.Length - start));
        return lines;
    }
}
