using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A whole <c>.dsnet</c> file: an optional namespace and the declarations in order.</summary>
public sealed class CompilationUnitSyntax : SyntaxNode
{
    internal CompilationUnitSyntax(SourceSpan span, NamespaceDeclarationSyntax? @namespace, IReadOnlyList<DeclarationSyntax> declarations)
        : base(span)
    {
        Namespace = @namespace;
        Declarations = declarations;
    }

    /// <summary>The <c>namespace</c> statement, if the file has one.</summary>
    internal NamespaceDeclarationSyntax? Namespace { get; }

    /// <summary>Structures and models in the order written.</summary>
    public IReadOnlyList<DeclarationSyntax> Declarations { get; }
}
