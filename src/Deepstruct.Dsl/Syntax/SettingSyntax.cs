using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A model setting: a name and zero or more comma-separated values (<c>hidden 200, 100;</c>).</summary>
internal sealed class SettingSyntax : SyntaxNode
{
    internal SettingSyntax(SourceSpan span, Identifier name, IReadOnlyList<ExpressionSyntax> values)
        : base(span)
    {
        Name = name;
        Values = values;
    }

    /// <summary>The setting's name.</summary>
    public Identifier Name { get; }

    /// <summary>Its values; empty for a flag such as <c>layer_norm;</c>.</summary>
    public IReadOnlyList<ExpressionSyntax> Values { get; }
}
