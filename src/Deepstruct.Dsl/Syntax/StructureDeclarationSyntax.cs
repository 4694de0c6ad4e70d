using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>structure NAME { … }</c> or <c>structure NAME = EXPRESSION;</c></summary>
internal sealed class StructureDeclarationSyntax : DeclarationSyntax
{
    internal StructureDeclarationSyntax(SourceSpan span, Identifier name, ExpressionSyntax? definition, bool hasSyntaxErrors)
        : base(span, name, hasSyntaxErrors) => Definition = definition;

    /// <summary>The body (a <see cref="StructureBodySyntax"/>) or the expression; null when it could not be parsed.</summary>
    public ExpressionSyntax? Definition { get; }
}
