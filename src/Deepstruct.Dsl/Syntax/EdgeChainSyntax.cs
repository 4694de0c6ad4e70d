using System;
using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// <c>a, b -> c -> d : pattern;</c> — groups of vertex references joined by arrows; every
/// reference of a group connects to every reference of the next, with the pattern if one is given.
/// </summary>
public sealed class EdgeChainSyntax : StatementSyntax
{
    private readonly VertexReference[] _references;
    private readonly int[] _groupStarts;

    internal EdgeChainSyntax(SourceSpan span, VertexReference[] references, int[] groupStarts, PatternSyntax? pattern)
        : base(span)
    {
        _references = references;
        _groupStarts = groupStarts;
        Pattern = pattern;
    }

    /// <summary>The number of groups (at least two).</summary>
    public int GroupCount => _groupStarts.Length - 1;

    /// <summary>The references of group <paramref name="index"/>.</summary>
    public ReadOnlySpan<VertexReference> Group(int index) =>
        new(_references, _groupStarts[index], _groupStarts[index + 1] - _groupStarts[index]);

    /// <summary>Every reference, group after group.</summary>
    public IReadOnlyList<VertexReference> References => _references;

    /// <summary>The pattern after <c>:</c>, if any; it applies to every link of the chain.</summary>
    public PatternSyntax? Pattern { get; }
}
