using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>vertex a, b, c;</c></summary>
internal sealed class VertexDeclarationSyntax : StatementSyntax
{
    internal VertexDeclarationSyntax(SourceSpan span, IReadOnlyList<Identifier> names)
        : base(span) => Names = names;

    /// <summary>The declared vertices in order.</summary>
    public IReadOnlyList<Identifier> Names { get; }
}
