using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// A vertex or a block named in an edge statement, optionally narrowed to an index or an inclusive
/// range (<c>a</c>, <c>h1</c>, <c>h1[3]</c>, <c>h1[0..9]</c>). A value type: a file of a million
/// edges holds two million of them.
/// </summary>
internal readonly struct VertexReference
{
    internal VertexReference(Identifier name, RangeSyntax? range)
    {
        Name = name;
        Range = range;
    }

    /// <summary>The vertex or block name.</summary>
    public Identifier Name { get; }

    /// <summary>The index or range in brackets, if any.</summary>
    public RangeSyntax? Range { get; }

    /// <summary>Where the reference is written (computed, to keep the value small).</summary>
    public SourceSpan Span => Range is null ? Name.Span : SourceSpan.Covering(Name.Span, Range.Span);
}
