using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A family, <c>scale</c> or <c>stack</c> applied to arguments: <c>path(n: 4)</c>.</summary>
internal sealed class CallExpressionSyntax : ExpressionSyntax
{
    internal CallExpressionSyntax(SourceSpan span, Identifier callee, IReadOnlyList<ArgumentSyntax> arguments)
        : base(span)
    {
        Callee = callee;
        Arguments = arguments;
    }

    /// <summary>What is called.</summary>
    public Identifier Callee { get; }

    /// <summary>The arguments in the order written.</summary>
    public IReadOnlyList<ArgumentSyntax> Arguments { get; }
}
