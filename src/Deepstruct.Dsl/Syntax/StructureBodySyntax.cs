using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A structure written out: <c>{ STATEMENTS }</c>, after <c>structure NAME</c> or inline as a value.</summary>
public sealed class StructureBodySyntax : ExpressionSyntax
{
    internal StructureBodySyntax(SourceSpan span, IReadOnlyList<StatementSyntax> statements, bool hasSyntaxErrors)
        : base(span)
    {
        Statements = statements;
        HasSyntaxErrors = hasSyntaxErrors;
    }

    /// <summary>The statements that parsed, in order.</summary>
    public IReadOnlyList<StatementSyntax> Statements { get; }

    /// <summary>Whether a statement was dropped because of a syntax error.</summary>
    public bool HasSyntaxErrors { get; }
}
