using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A statement inside a structure body.</summary>
internal abstract class StatementSyntax : SyntaxNode
{
    private protected StatementSyntax(SourceSpan span)
        : base(span)
    {
    }
}
