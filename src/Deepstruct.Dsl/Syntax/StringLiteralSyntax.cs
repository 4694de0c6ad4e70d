using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A string in double quotes.</summary>
internal sealed class StringLiteralSyntax : ExpressionSyntax
{
    internal StringLiteralSyntax(SourceSpan span, string value)
        : base(span) => Value = value;

    /// <summary>The text between the quotes, escapes as written.</summary>
    public string Value { get; }
}
