using System;
using System.Collections.Generic;

namespace Deepstruct.Syntax;

/// <summary>
/// <c>a, b -> c -> d : pattern;</c> — groups of vertex references joined by arrows; every
/// reference of a group connects to every reference of the next, with the pattern if one is given.
/// </summary>
internal sealed class EdgeChainSyntax : StatementSyntax
{
    private readonly EdgeChainView _view;

    internal EdgeChainSyntax(EdgeChainView view)
        : base(view.Span) => _view = view;

    /// <summary>The number of groups (at least two).</summary>
    public int GroupCount => _view.GroupCount;

    /// <summary>The references of group <paramref name="index"/>.</summary>
    public ReadOnlySpan<VertexReference> Group(int index)
    {
        if ((uint)index >= (uint)GroupCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index = {index} is not a group; groups are 0..{GroupCount - 1}.");
        }

        return _view.Group(index);
    }

    /// <summary>Every reference, group after group.</summary>
    public IReadOnlyList<VertexReference> References => _view.References;

    /// <summary>The pattern after <c>:</c>, if any; it applies to every link of the chain.</summary>
    public PatternSyntax? Pattern => _view.Pattern;
}
