using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>An index <c>[i]</c> or an inclusive range <c>[i..j]</c> into a block.</summary>
internal sealed class RangeSyntax : SyntaxNode
{
    internal RangeSyntax(SourceSpan span, NumberLiteralSyntax first, NumberLiteralSyntax? last)
        : base(span)
    {
        First = first;
        Last = last;
    }

    /// <summary>The first index.</summary>
    public NumberLiteralSyntax First { get; }

    /// <summary>The last index (inclusive), or null for a single index.</summary>
    public NumberLiteralSyntax? Last { get; }
}
