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

    // Contextual keywords of C# versions newer than the Roslyn this generator is built against: the
    // consumer's compiler may be newer, so they are escaped too.
    private static readonly string[] NewerContextualKeywords = { "allows", "extension", "field" };

    /// <summary>
    /// A member name as written in generated code: keywords and contextual keywords get the verbatim
    /// prefix (<c>@out</c>, <c>@required</c>), which is valid before any identifier.
    /// </summary>
    public static string Identifier(string name)
    {
        var bare = name.Length > 0 && name[0] == '@' ? name.Substring(1) : name;
        return IsKeywordLike(bare) ? "@" + bare : bare;
    }

    /// <summary>
    /// A type or namespace name as written in generated code: like <see cref="Identifier"/>, and
    /// every all-lowercase ASCII name too, which the compiler warns may become a keyword (CS8981)
    /// or refuses as a type name (<c>record</c>, <c>file</c>, <c>scoped</c>) unless escaped.
    /// </summary>
    public static string TypeName(string name)
    {
        var bare = name.Length > 0 && name[0] == '@' ? name.Substring(1) : name;
        return IsKeywordLike(bare) || IsLowercaseAscii(bare) ? "@" + bare : bare;
    }

    /// <summary>A dotted namespace with each part escaped as <see cref="TypeName"/>.</summary>
    public static string NamespaceName(string dotted) => string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), part => TypeName(part.Trim())));

    private static bool IsKeywordLike(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
        || System.Array.IndexOf(NewerContextualKeywords, name) >= 0;

    private static bool IsLowercaseAscii(string name)
    {
        foreach (var c in name)
        {
            if (c > 0x7F || (c >= 'A' && c <= 'Z'))
            {
                return false;
            }
        }

        return true;
    }

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
