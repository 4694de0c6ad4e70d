using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A name as written, with its location.</summary>
/// <param name="Text">The name.</param>
/// <param name="Span">Where it is written.</param>
public readonly record struct Identifier(string Text, SourceSpan Span)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
