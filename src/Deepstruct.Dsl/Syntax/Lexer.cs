using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// Turns text into tokens on demand, one at a time, tracking line and column as it goes. It never
/// backtracks and does constant work per character, so a 15 MB file is tokenized in linear time
/// without materialising a token array. Unterminated comments and strings are reported (DS1002)
/// here; characters that start no token become one <see cref="TokenKind.Invalid"/> token per run.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly NameTable _names;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string text, DiagnosticBag diagnostics, NameTable names)
    {
        _text = text;
        _diagnostics = diagnostics;
        _names = names;
    }

    public Token Next()
    {
        SkipTrivia();
        var start = _position;
        if (start >= _text.Length)
        {
            return new Token(TokenKind.EndOfFile, SpanFrom(start), null);
        }

        var c = _text[start];
        if (IsIdentifierStart(c))
        {
            _position++;
            while (_position < _text.Length && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, SpanFrom(start), _names.Intern(_text, start, _position - start));
        }

        if (IsDigit(c))
        {
            return Number(start);
        }

        _position++;
        switch (c)
        {
            case '{': return Simple(TokenKind.OpenBrace, start);
            case '}': return Simple(TokenKind.CloseBrace, start);
            case '(': return Simple(TokenKind.OpenParen, start);
            case ')': return Simple(TokenKind.CloseParen, start);
            case '[': return Simple(TokenKind.OpenBracket, start);
            case ']': return Simple(TokenKind.CloseBracket, start);
            case ';': return Simple(TokenKind.Semicolon, start);
            case ',': return Simple(TokenKind.Comma, start);
            case ':': return Simple(TokenKind.Colon, start);
            case '=': return Simple(TokenKind.Equals, start);
            case '+': return Simple(TokenKind.Plus, start);
            case '"': return String(start);
            case '-':
                if (Peek(0) == '>')
                {
                    _position++;
                    return Simple(TokenKind.Arrow, start);
                }

                return Simple(TokenKind.Minus, start);
            case '.':
                if (Peek(0) == '.')
                {
                    _position++;
                    return Simple(TokenKind.DotDot, start);
                }

                return Simple(TokenKind.Dot, start);
            default:
                return Invalid(start);
        }
    }

    private Token Simple(TokenKind kind, int start) => new(kind, SpanFrom(start), null);

    private Token Invalid(int start)
    {
        // A run of characters that start no token is one token, so random bytes give few errors.
        while (_position < _text.Length && !StartsToken(_text[_position]))
        {
            _position++;
        }

        return new Token(TokenKind.Invalid, SpanFrom(start), _text.Substring(start, _position - start));
    }

    private Token Number(int start)
    {
        SkipDigits();
        var kind = TokenKind.Integer;
        if (Peek(0) == 'x' && IsDigit(Peek(1)))
        {
            while (Peek(0) == 'x' && IsDigit(Peek(1)))
            {
                _position++;
                SkipDigits();
            }

            return new Token(TokenKind.Shape, SpanFrom(start), _text.Substring(start, _position - start));
        }

        // "0..9" is a range, not the decimal "0." followed by ".9".
        if (Peek(0) == '.' && IsDigit(Peek(1)))
        {
            _position++;
            SkipDigits();
            kind = TokenKind.Decimal;
        }

        if ((Peek(0) == 'e' || Peek(0) == 'E') && (IsDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && IsDigit(Peek(2)))))
        {
            _position += 2;
            SkipDigits();
            kind = TokenKind.Decimal;
        }

        return new Token(kind, SpanFrom(start), _text.Substring(start, _position - start));
    }

    private Token String(int start)
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return new Token(TokenKind.String, SpanFrom(start), _text.Substring(start + 1, _position - start - 2));
            }

            if (IsLineBreak(c))
            {
                break;
            }

            // A backslash escapes the next character, so \" does not end the string.
            _position += c == '\\' && _position + 1 < _text.Length && !IsLineBreak(_text[_position + 1]) ? 2 : 1;
        }

        var span = SpanFrom(start);
        _diagnostics.Report(DiagnosticIds.Unterminated, span, "Unterminated string: found the end of the line, expected a closing '\"'.");
        return new Token(TokenKind.String, span, _text.Substring(start + 1, _position - start - 1));
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (IsLineBreak(c))
            {
                NewLine(c);
            }
            else if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _text.Length && !IsLineBreak(_text[_position]))
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = _position;
        var startSpan = new SourceSpan(start, 2, _line, start - _lineStart + 1);
        _position += 2;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '*' && Peek(1) == '/')
            {
                _position += 2;
                return;
            }

            if (IsLineBreak(c))
            {
                NewLine(c);
            }
            else
            {
                _position++;
            }
        }

        _diagnostics.Report(DiagnosticIds.Unterminated, startSpan, "Unterminated comment: found the end of the text, expected '*/' to close the comment that starts here.");
    }

    /// <summary>Steps over the line break <paramref name="c"/> at the current position (CR LF is one).</summary>
    private void NewLine(char c)
    {
        _position += c == '\r' && Peek(1) == '\n' ? 2 : 1;
        _line++;
        _lineStart = _position;
    }

    /// <summary>
    /// A line break as C# has it (new_line: CR, LF, CR LF, U+0085, U+2028, U+2029), so that lines
    /// and columns agree with the compiler's and the IDE's.
    /// </summary>
    internal static bool IsLineBreak(char c) => c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';

    private void SkipDigits()
    {
        while (_position < _text.Length && IsDigit(_text[_position]))
        {
            _position++;
        }
    }

    /// <summary>The character <paramref name="ahead"/> places after the current position, or NUL past the end.</summary>
    private char Peek(int ahead)
    {
        var index = _position + ahead;
        return index < _text.Length ? _text[index] : '\0';
    }

    private SourceSpan SpanFrom(int start) => new(start, _position - start, _line, start - _lineStart + 1);

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Whether <paramref name="text"/> lexes as one identifier token (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !IsIdentifierStart(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static bool StartsToken(char c) =>
        IsIdentifierPart(c) || c <= ' ' || IsLineBreak(c) || "{}()[];,:=+-.\"/".IndexOf(c) >= 0;
}
