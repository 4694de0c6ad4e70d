using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>An argument of a family, a pattern, <c>scale</c> or <c>stack</c>: <c>p: 0.5</c> or <c>0.5</c>.</summary>
internal sealed class ArgumentSyntax : SyntaxNode
{
    internal ArgumentSyntax(SourceSpan span, Identifier? name, ExpressionSyntax value)
        : base(span)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The name before <c>:</c>, or null for a positional argument.</summary>
    public Identifier? Name { get; }

    /// <summary>The value.</summary>
    public ExpressionSyntax Value { get; }
}
