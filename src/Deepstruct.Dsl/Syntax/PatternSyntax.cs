using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A connection pattern: <c>one_to_one</c>, <c>random(p: 0.2, seed: 7)</c>, …</summary>
internal sealed class PatternSyntax : SyntaxNode
{
    internal PatternSyntax(SourceSpan span, Identifier name, IReadOnlyList<ArgumentSyntax> arguments)
        : base(span)
    {
        Name = name;
        Arguments = arguments;
    }

    /// <summary>The pattern's name.</summary>
    public Identifier Name { get; }

    /// <summary>Its arguments (empty without parentheses).</summary>
    public IReadOnlyList<ArgumentSyntax> Arguments { get; }
}
