using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Deepstruct.Generators.Emit;

/// <summary>Culture-invariant spellings of C# literals, names and XML doc text.</summary>
internal static class CSharpLiterals
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A valid identifier for a .dsnet name: keywords get the verbatim prefix.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.UnderscoreToken
            ? "@" + name
            : name;

    public static string XmlEscape(string text) => text
        .Replace("&", "&amp;")
        .Replace("<", "&lt;")
        .Replace(">", "&gt;");

    /// <summary>
    /// Appends <paramref name="value"/> as a regular string literal. Characters that are safe to
    /// write literally (printable, not a line break, not a surrogate or BOM) are written as they
    /// are; the rest as <c>\uXXXX</c>, so any UTF-16 content, packed binary included, round-trips.
    /// </summary>
    public static void AppendStringLiteral(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c == '"' || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (IsPlain(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append('"');
    }

    // Fixed ranges rather than Unicode categories, so the text does not depend on the host's Unicode
    // tables: printable ASCII and the CJK and Hangul blocks (no marks, separators or bidi controls,
    // which editors would render oddly). Packed binary lands in them about half the time.
    private static bool IsPlain(char c) =>
        (c >= 0x20 && c <= 0x7E) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);

    public static string Join<T>(System.Collections.Generic.IEnumerable<T> values, Func<T, string> format) =>
        string.Join(", ", System.Linq.Enumerable.Select(values, format));
}
