using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A bare name: a structure, or a word such as <c>relu</c> or <c>lstm</c> in a setting.</summary>
internal sealed class NameExpressionSyntax : ExpressionSyntax
{
    internal NameExpressionSyntax(Identifier name)
        : base(name.Span) => Name = name;

    /// <summary>The name.</summary>
    public Identifier Name { get; }
}
