using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed class BooleanLiteralSyntax : ExpressionSyntax
{
    internal BooleanLiteralSyntax(SourceSpan span, bool value)
        : base(span) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }
}
