using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>A shape such as <c>1x28x28</c>.</summary>
internal sealed class ShapeLiteralSyntax : ExpressionSyntax
{
    internal ShapeLiteralSyntax(SourceSpan span, string text)
        : base(span) => Text = text;

    /// <summary>The shape as written.</summary>
    public string Text { get; }
}
