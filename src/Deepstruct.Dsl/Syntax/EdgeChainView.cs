using System;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>One chain of an <see cref="EdgeChainTable"/>, read in place without allocating.</summary>
internal readonly struct EdgeChainView
{
    private readonly EdgeChainTable _table;
    private readonly int _index;

    public EdgeChainView(EdgeChainTable table, int index)
    {
        _table = table;
        _index = index;
    }

    public int GroupCount => _table.GroupCount(_index);

    public ReadOnlySpan<VertexReference> Group(int group) => _table.Group(_index, group);

    public ArraySegment<VertexReference> References => _table.References(_index);

    public PatternSyntax? Pattern => _table.Pattern(_index);

    public SourceSpan Span => _table.Span(_index);
}
