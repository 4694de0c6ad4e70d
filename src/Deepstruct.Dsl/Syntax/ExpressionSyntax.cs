using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// A value: a literal, a structure expression or an inline structure. One hierarchy serves both so
/// that the parser needs no type information; the binder checks what each place accepts.
/// </summary>
internal abstract class ExpressionSyntax : SyntaxNode
{
    private protected ExpressionSyntax(SourceSpan span)
        : base(span)
    {
    }
}
