using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>A + B</c>: the disjoint union, left vertices first.</summary>
internal sealed class UnionExpressionSyntax : ExpressionSyntax
{
    internal UnionExpressionSyntax(SourceSpan span, ExpressionSyntax left, SourceSpan operatorSpan, ExpressionSyntax right)
        : base(span)
    {
        Left = left;
        OperatorSpan = operatorSpan;
        Right = right;
    }

    /// <summary>The left operand.</summary>
    public ExpressionSyntax Left { get; }

    /// <summary>Where the <c>+</c> is.</summary>
    public SourceSpan OperatorSpan { get; }

    /// <summary>The right operand.</summary>
    public ExpressionSyntax Right { get; }
}
