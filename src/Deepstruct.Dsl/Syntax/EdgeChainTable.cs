using System;
using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// The edge chains of one structure body stored column-wise in a few large arrays instead of as
/// objects: a file written out edge by edge has a million chains, and a million small objects that
/// all survive cost the garbage collector more than parsing them does. <see cref="EdgeChainSyntax"/>
/// objects are views created only when a caller walks <see cref="StructureBodySyntax.Statements"/>.
/// </summary>
internal sealed class EdgeChainTable
{
    private readonly List<VertexReference> _referenceList = new();
    private readonly List<int> _groupEndList = new();
    private readonly List<Chain> _chainList = new();
    private VertexReference[] _references = [];
    private int[] _groupEnds = [];
    private Chain[] _chains = [];

    public int Count => _chains.Length;

    /// <summary>Where the next chain's references start: a chain is added as references and group ends, then <see cref="EndChain"/>.</summary>
    public int ReferenceCount => _referenceList.Count;

    public void AddReference(VertexReference reference) => _referenceList.Add(reference);

    public void EndGroup() => _groupEndList.Add(_referenceList.Count);

    public void EndChain(int firstReference, int firstGroup, PatternSyntax? pattern, SourceSpan span) =>
        _chainList.Add(new Chain(firstReference, firstGroup, _groupEndList.Count - firstGroup, pattern, span));

    /// <summary>Drops a chain that failed to parse: everything added since its start.</summary>
    public void Abandon(int firstReference, int firstGroup)
    {
        _referenceList.RemoveRange(firstReference, _referenceList.Count - firstReference);
        _groupEndList.RemoveRange(firstGroup, _groupEndList.Count - firstGroup);
    }

    public int GroupCountSoFar => _groupEndList.Count;

    public int ChainCountSoFar => _chainList.Count;

    /// <summary>Freezes the columns once the body is parsed.</summary>
    public void Complete()
    {
        _references = _referenceList.ToArray();
        _groupEnds = _groupEndList.ToArray();
        _chains = _chainList.ToArray();
        _referenceList.Clear();
        _groupEndList.Clear();
        _chainList.Clear();
    }

    public EdgeChainView this[int index] => new(this, index);

    internal int GroupCount(int chain) => _chains[chain].GroupCount;

    internal ReadOnlySpan<VertexReference> Group(int chain, int group)
    {
        var record = _chains[chain];
        var start = group == 0 ? record.FirstReference : _groupEnds[record.FirstGroup + group - 1];
        return new ReadOnlySpan<VertexReference>(_references, start, _groupEnds[record.FirstGroup + group] - start);
    }

    internal ArraySegment<VertexReference> References(int chain)
    {
        var record = _chains[chain];
        var end = _groupEnds[record.FirstGroup + record.GroupCount - 1];
        return new ArraySegment<VertexReference>(_references, record.FirstReference, end - record.FirstReference);
    }

    internal PatternSyntax? Pattern(int chain) => _chains[chain].Pattern;

    internal SourceSpan Span(int chain) => _chains[chain].Span;

    private readonly record struct Chain(int FirstReference, int FirstGroup, int GroupCount, PatternSyntax? Pattern, SourceSpan Span);
}
