using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A node of the syntax tree; every node knows where it is in the text.</summary>
public abstract class SyntaxNode
{
    /// <summary>Creates a node covering <paramref name="span"/>.</summary>
    protected SyntaxNode(SourceSpan span) => Span = span;

    /// <summary>Where the node is, relative to the start of the parsed text.</summary>
    public SourceSpan Span { get; }
}
