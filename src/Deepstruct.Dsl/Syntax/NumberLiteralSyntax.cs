using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>An integer or decimal number, with an optional minus sign.</summary>
internal sealed class NumberLiteralSyntax : ExpressionSyntax
{
    internal NumberLiteralSyntax(SourceSpan span, string text, bool isInteger, bool isNegative)
        : base(span)
    {
        Text = text;
        IsInteger = isInteger;
        IsNegative = isNegative;
    }

    /// <summary>The digits as written, without the sign.</summary>
    public string Text { get; }

    /// <summary>Whether it has neither a fraction nor an exponent.</summary>
    public bool IsInteger { get; }

    /// <summary>Whether a minus sign precedes it.</summary>
    public bool IsNegative { get; }
}
