using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>( EXPRESSION )</c></summary>
internal sealed class ParenthesizedExpressionSyntax : ExpressionSyntax
{
    internal ParenthesizedExpressionSyntax(SourceSpan span, ExpressionSyntax inner)
        : base(span) => Inner = inner;

    /// <summary>The expression inside.</summary>
    public ExpressionSyntax Inner { get; }
}
