using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>namespace A.B;</c></summary>
internal sealed class NamespaceDeclarationSyntax : SyntaxNode
{
    internal NamespaceDeclarationSyntax(SourceSpan span, string name)
        : base(span) => Name = name;

    /// <summary>The dotted name.</summary>
    public string Name { get; }
}
