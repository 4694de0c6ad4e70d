namespace Deepstruct.Syntax;

/// <summary>The kinds of token of the <c>.dsnet</c> language.</summary>
internal enum TokenKind : byte
{
    /// <summary>The end of the text.</summary>
    EndOfFile,

    /// <summary>Characters that start no token (reported by the parser where it meets them).</summary>
    Invalid,

    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>; keywords are identifiers recognised by position.</summary>
    Identifier,

    /// <summary>Decimal digits.</summary>
    Integer,

    /// <summary>A number with a fraction or an exponent: <c>0.5</c>, <c>1e-3</c>.</summary>
    Decimal,

    /// <summary>Integers joined by <c>x</c>: <c>5x5</c>, <c>1x28x28</c>.</summary>
    Shape,

    /// <summary>A string in double quotes.</summary>
    String,

    /// <summary><c>{</c></summary>
    OpenBrace,

    /// <summary><c>}</c></summary>
    CloseBrace,

    /// <summary><c>(</c></summary>
    OpenParen,

    /// <summary><c>)</c></summary>
    CloseParen,

    /// <summary><c>[</c></summary>
    OpenBracket,

    /// <summary><c>]</c></summary>
    CloseBracket,

    /// <summary><c>;</c></summary>
    Semicolon,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>:</c></summary>
    Colon,

    /// <summary><c>=</c></summary>
    Equals,

    /// <summary><c>+</c></summary>
    Plus,

    /// <summary><c>-</c> (a sign).</summary>
    Minus,

    /// <summary><c>-&gt;</c></summary>
    Arrow,

    /// <summary><c>..</c></summary>
    DotDot,

    /// <summary><c>.</c> (in qualified namespace names).</summary>
    Dot,
}
