using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>One <c>key: value</c> of a map; the key is a vertex name or an index.</summary>
internal sealed class MapEntrySyntax : SyntaxNode
{
    internal MapEntrySyntax(SourceSpan span, string key, bool keyIsIndex, SourceSpan keySpan, ExpressionSyntax value)
        : base(span)
    {
        Key = key;
        KeyIsIndex = keyIsIndex;
        KeySpan = keySpan;
        Value = value;
    }

    /// <summary>The key as written.</summary>
    public string Key { get; }

    /// <summary>Whether the key is an integer (a vertex index) rather than a name.</summary>
    public bool KeyIsIndex { get; }

    /// <summary>Where the key is written.</summary>
    public SourceSpan KeySpan { get; }

    /// <summary>The value.</summary>
    public ExpressionSyntax Value { get; }
}
