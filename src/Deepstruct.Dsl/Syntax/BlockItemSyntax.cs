using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>One block of a <c>block</c> statement: <c>h1[100]</c>.</summary>
internal sealed class BlockItemSyntax : SyntaxNode
{
    internal BlockItemSyntax(SourceSpan span, Identifier name, NumberLiteralSyntax size)
        : base(span)
    {
        Name = name;
        Size = size;
    }

    /// <summary>The block's name.</summary>
    public Identifier Name { get; }

    /// <summary>Its number of vertices as written.</summary>
    public NumberLiteralSyntax Size { get; }
}
