using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A top-level declaration: a structure or a model.</summary>
public abstract class DeclarationSyntax : SyntaxNode
{
    private protected DeclarationSyntax(SourceSpan span, Identifier name, bool hasSyntaxErrors)
        : base(span)
    {
        Name = name;
        HasSyntaxErrors = hasSyntaxErrors;
    }

    /// <summary>The declared name.</summary>
    public Identifier Name { get; }

    /// <summary>
    /// Whether a syntax error was reported inside it: the binder then reports nothing that a
    /// dropped statement could explain (missing settings, isolated vertices) and produces no result.
    /// </summary>
    public bool HasSyntaxErrors { get; }
}
