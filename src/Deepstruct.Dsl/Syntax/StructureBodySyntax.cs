using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A structure written out: <c>{ STATEMENTS }</c>, after <c>structure NAME</c> or inline as a value.</summary>
internal sealed class StructureBodySyntax : ExpressionSyntax
{
    private readonly IReadOnlyList<StatementSyntax> _declarations;
    private readonly int[] _order;
    private IReadOnlyList<StatementSyntax>? _statements;

    /// <param name="span">Where the body is.</param>
    /// <param name="declarations">The <c>vertex</c> and <c>block</c> statements, in order.</param>
    /// <param name="chains">The edge chains, in order.</param>
    /// <param name="order">Statement by statement: an index into <paramref name="declarations"/>, or the complement (<c>~i</c>) of a chain index.</param>
    /// <param name="hasSyntaxErrors">Whether a statement was dropped.</param>
    internal StructureBodySyntax(SourceSpan span, IReadOnlyList<StatementSyntax> declarations, EdgeChainTable chains, int[] order, bool hasSyntaxErrors)
        : base(span)
    {
        _declarations = declarations;
        Chains = chains;
        _order = order;
        HasSyntaxErrors = hasSyntaxErrors;
    }

    /// <summary>The statements that parsed, in order (edge chains are materialised on first access).</summary>
    public IReadOnlyList<StatementSyntax> Statements => _statements ??= Materialise();

    /// <summary>Whether a statement was dropped because of a syntax error.</summary>
    public bool HasSyntaxErrors { get; }

    /// <summary>The <c>vertex</c> and <c>block</c> statements, in order.</summary>
    internal IReadOnlyList<StatementSyntax> Declarations => _declarations;

    /// <summary>The edge chains, read in place by the binder.</summary>
    internal EdgeChainTable Chains { get; }

    private StatementSyntax[] Materialise()
    {
        var statements = new StatementSyntax[_order.Length];
        for (var i = 0; i < statements.Length; i++)
        {
            statements[i] = _order[i] >= 0 ? _declarations[_order[i]] : new EdgeChainSyntax(Chains[~_order[i]]);
        }

        return statements;
    }
}
