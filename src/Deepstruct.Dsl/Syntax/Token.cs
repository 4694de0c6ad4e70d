using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// One token. Identifiers carry their text, interned per compilation so that every use of a name
/// shares one string; other tokens carry the text only where the parser needs it (numbers).
/// </summary>
internal readonly struct Token
{
    public Token(TokenKind kind, SourceSpan span, string? text)
    {
        Kind = kind;
        Span = span;
        Text = text;
    }

    public TokenKind Kind { get; }

    public SourceSpan Span { get; }

    public string? Text { get; }

    public bool IsIdentifier(string keyword) => Kind == TokenKind.Identifier && Text == keyword;
}
