using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>{ a: 0.2, b: 0.8 }</c> — the proportions of <c>scale</c>.</summary>
internal sealed class MapSyntax : ExpressionSyntax
{
    internal MapSyntax(SourceSpan span, IReadOnlyList<MapEntrySyntax> entries)
        : base(span) => Entries = entries;

    /// <summary>The entries in the order written.</summary>
    public IReadOnlyList<MapEntrySyntax> Entries { get; }
}
