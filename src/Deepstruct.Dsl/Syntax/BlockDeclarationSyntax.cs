using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>block h1[100], h2[50];</c></summary>
internal sealed class BlockDeclarationSyntax : StatementSyntax
{
    internal BlockDeclarationSyntax(SourceSpan span, IReadOnlyList<BlockItemSyntax> blocks)
        : base(span) => Blocks = blocks;

    /// <summary>The declared blocks in order.</summary>
    public IReadOnlyList<BlockItemSyntax> Blocks { get; }
}
