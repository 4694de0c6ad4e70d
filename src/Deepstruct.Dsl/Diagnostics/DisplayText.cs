using System.Globalization;
using System.Text;

namespace Deepstruct.Diagnostics;

/// <summary>
/// Makes text safe to show in a message: a message echoes the user's text, which may hold NUL,
/// line separators (U+2028, U+0085) or terminal escapes that would break a build log or an IDE's
/// list, and may be megabytes long. Every diagnostic's text goes through here (<see cref="DiagnosticBag"/>).
/// </summary>
internal static class DisplayText
{
    /// <summary>The most characters of one echoed value; longer ones keep their start and end.</summary>
    public const int MaximumValueLength = 300;

    /// <summary>
    /// Writes control characters (C0, DEL, C1), line and paragraph separators, lone surrogates and
    /// the byte order mark as <c>\0</c>, <c>\n</c>, <c>\u2028</c>…; text without them is returned unchanged.
    /// </summary>
    public static string Escape(string text)
    {
        var first = 0;
        while (first < text.Length && !NeedsEscape(text, first))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(text, i))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\0' => "\\0",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return escaped.ToString();
    }

    /// <summary>Keeps the first and last characters of a long value, saying how many were left out.</summary>
    public static string Shorten(string text)
    {
        if (text.Length <= MaximumValueLength)
        {
            return text;
        }

        const int tail = 40;
        var head = MaximumValueLength - tail;
        return string.Format(CultureInfo.InvariantCulture, "{0}… ({1} characters left out) …{2}", text.Substring(0, head), text.Length - head - tail, text.Substring(text.Length - tail));
    }

    /// <summary>A value as a message shows it: shortened, then escaped.</summary>
    public static string Show(string text) => Escape(Shorten(text));

    private static bool NeedsEscape(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\u2028' || c == '\u2029' || c == '\uFEFF';
    }
}
