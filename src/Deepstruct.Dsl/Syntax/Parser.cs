using System;
using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary>
/// A hand-written recursive-descent parser over the <see cref="Lexer"/>'s tokens (see
/// docs/dsnet.md, "Implementation notes", for why not a combinator library). It never throws on
/// input: a failed construct reports one DS1001 and returns null, and the enclosing statement
/// list resynchronises at the next <c>;</c> or at its closing <c>}</c>. Recursion only happens
/// through brackets, and every bracket is counted before it is entered, so the stack depth is
/// bounded by <see cref="MaximumNesting"/> whatever the input.
/// </summary>
internal sealed class Parser
{
    /// <summary>The deepest nesting of brackets accepted (DSNET.md).</summary>
    public const int MaximumNesting = 64;

    private readonly Lexer _lexer;
    private readonly DiagnosticBag _diagnostics;
    private readonly Token[] _lookahead = new Token[4];
    private int _lookaheadStart;
    private int _lookaheadCount;
    private int _depth;
    private Token _previous;

    /// <summary>Set when nesting exceeded the limit: everything up to the top level is skipped, not parsed.</summary>
    private bool _abandonDeclaration;

    /// <summary>Set when a block was left open and the next declaration begins: parsing resumes there.</summary>
    private bool _resumeAtDeclaration;

    public Parser(string text, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        _lexer = new Lexer(text, diagnostics, new NameTable());
    }

    private Token Current => Peek(0);

    public CompilationUnitSyntax ParseCompilationUnit()
    {
        var start = Current.Span;
        NamespaceDeclarationSyntax? @namespace = null;
        if (Current.IsIdentifier(Keywords.Namespace))
        {
            @namespace = ParseNamespace();
        }

        var declarations = new List<DeclarationSyntax>();
        while (Current.Kind != TokenKind.EndOfFile && !_diagnostics.IsFull)
        {
            var startOffset = Current.Span.Offset;
            DeclarationSyntax? declaration = null;
            if (Current.IsIdentifier(Keywords.Structure))
            {
                declaration = ParseStructureDeclaration();
            }
            else if (Current.IsIdentifier(Keywords.Model))
            {
                declaration = ParseModelDeclaration();
            }
            else if (Current.IsIdentifier(Keywords.Namespace))
            {
                Error(Current, "expected 'structure' or 'model' (a namespace statement must come first in the file)");
            }
            else
            {
                Error(Current, "expected 'structure' or 'model'" + (Current.Kind == TokenKind.Identifier ? NameSuggestion.Hint(Current.Text!, [Keywords.Structure, Keywords.Model]) : string.Empty));
            }

            if (declaration is not null)
            {
                declarations.Add(declaration);
            }
            else if (_resumeAtDeclaration)
            {
                // An unclosed block ran into the next declaration: parse that one normally.
                _resumeAtDeclaration = false;
                _depth = 0;
            }
            else
            {
                RecoverAtTopLevel();
            }

            // Every round consumes something, whatever went wrong, so the loop always ends.
            if (Current.Span.Offset == startOffset && Current.Kind != TokenKind.EndOfFile)
            {
                Advance();
            }
        }

        return new CompilationUnitSyntax(SourceSpan.Covering(start, _previous.Span), @namespace, declarations);
    }

    /// <summary>Parses the string of a <c>[Dsnet]</c> attribute: <c>KIND { SETTINGS }</c>, named <paramref name="className"/>.</summary>
    public ModelDeclarationSyntax? ParseAttributeModel(string className)
    {
        var start = Current;
        var errorsBefore = _diagnostics.ErrorCount;
        if (Current.Kind != TokenKind.Identifier)
        {
            Error(Current, "expected a model kind ('ffn', 'dan', 'cell_dan' or 'rnn') followed by '{ settings }'");
            return null;
        }

        var kind = Identifier(Advance());
        var name = new Identifier(className, new SourceSpan(start.Span.Offset, 0, start.Span.Line, start.Span.Column));
        var settings = ParseSettings();
        if (settings is null)
        {
            return null;
        }

        if (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }

        if (Current.Kind != TokenKind.EndOfFile)
        {
            Error(Current, "expected the end of the model after its closing '}'");
        }

        return new ModelDeclarationSyntax(SourceSpan.Covering(start.Span, _previous.Span), name, kind, settings, _diagnostics.ErrorCount > errorsBefore);
    }

    private NamespaceDeclarationSyntax? ParseNamespace()
    {
        var keyword = Advance();
        if (!Expect(TokenKind.Identifier, "a namespace name", out var first))
        {
            RecoverAtTopLevel();
            return null;
        }

        var name = first.Text!;
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            if (!Expect(TokenKind.Identifier, "a name after '.'", out var part))
            {
                RecoverAtTopLevel();
                return null;
            }

            name += "." + part.Text;
        }

        if (!Expect(TokenKind.Semicolon, "';' after the namespace name", out _))
        {
            RecoverAtTopLevel();
            return null;
        }

        return new NamespaceDeclarationSyntax(SourceSpan.Covering(keyword.Span, _previous.Span), name);
    }

    private StructureDeclarationSyntax? ParseStructureDeclaration()
    {
        var keyword = Advance();
        var errorsBefore = _diagnostics.ErrorCount;
        if (!Expect(TokenKind.Identifier, "a structure name", out var nameToken))
        {
            return null;
        }

        ExpressionSyntax? definition;
        if (Current.Kind == TokenKind.OpenBrace)
        {
            definition = ParseStructureBody();
            if (definition is not null && Current.Kind == TokenKind.Semicolon)
            {
                Advance();
            }
        }
        else if (Current.Kind == TokenKind.Equals)
        {
            Advance();
            definition = ParseExpression();
            if (definition is not null && !Expect(TokenKind.Semicolon, "';' after the structure expression", out _))
            {
                definition = null;
            }
        }
        else
        {
            Error(Current, "expected '{' to write the structure out or '=' to define it by an expression");
            return null;
        }

        if (definition is null)
        {
            return null;
        }

        return new StructureDeclarationSyntax(SourceSpan.Covering(keyword.Span, _previous.Span), Identifier(nameToken), definition, _diagnostics.ErrorCount > errorsBefore);
    }

    private ModelDeclarationSyntax? ParseModelDeclaration()
    {
        var keyword = Advance();
        var errorsBefore = _diagnostics.ErrorCount;
        if (!Expect(TokenKind.Identifier, "a model name", out var nameToken)
            || !Expect(TokenKind.Colon, "':' and the model's kind after its name", out _)
            || !Expect(TokenKind.Identifier, "a model kind ('ffn', 'dan', 'cell_dan' or 'rnn')", out var kindToken))
        {
            return null;
        }

        var settings = ParseSettings();
        if (settings is null)
        {
            return null;
        }

        if (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }

        return new ModelDeclarationSyntax(SourceSpan.Covering(keyword.Span, _previous.Span), Identifier(nameToken), Identifier(kindToken), settings, _diagnostics.ErrorCount > errorsBefore);
    }

    /// <summary><c>{ SETTING* }</c>; null if the braces themselves are missing.</summary>
    private List<SettingSyntax>? ParseSettings()
    {
        if (Current.Kind != TokenKind.OpenBrace)
        {
            Error(Current, "expected '{' to start the model's settings");
            return null;
        }

        if (!Enter())
        {
            return null;
        }

        var settings = new List<SettingSyntax>();
        var closed = ParseBracedItems("the model's settings", () =>
        {
            if (ParseSetting() is not { } setting)
            {
                return false;
            }

            settings.Add(setting);
            return true;
        });
        return closed ? settings : null;
    }

    private SettingSyntax? ParseSetting()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            Error(Current, "expected a setting such as 'input', 'output', 'hidden' or 'structure'");
            return null;
        }

        var name = Identifier(Advance());
        var values = new List<ExpressionSyntax>();
        if (Current.Kind is TokenKind.CloseBrace or TokenKind.EndOfFile)
        {
            Error(Current, $"expected ';' after the '{name.Text}' setting");
            return null;
        }

        if (Current.Kind != TokenKind.Semicolon)
        {
            while (true)
            {
                var value = ParseExpression();
                if (value is null)
                {
                    return null;
                }

                values.Add(value);
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }
        }

        // A setting that ends in a { … } block needs no ';' (one is allowed).
        if (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }
        else if (_previous.Kind != TokenKind.CloseBrace)
        {
            Error(Current, $"expected ';' after the '{name.Text}' setting");
            return null;
        }

        return new SettingSyntax(SourceSpan.Covering(name.Span, _previous.Span), name, values);
    }

    private StructureBodySyntax? ParseStructureBody()
    {
        var open = Current;
        var errorsBefore = _diagnostics.ErrorCount;
        if (!Enter())
        {
            return null;
        }

        var declarations = new List<StatementSyntax>();
        var chains = new EdgeChainTable();
        var order = new List<int>();
        if (!ParseBracedItems("the structure", () => ParseStatement(declarations, chains, order)))
        {
            return null;
        }

        chains.Complete();
        return new StructureBodySyntax(SourceSpan.Covering(open.Span, _previous.Span), declarations, chains, order.ToArray(), _diagnostics.ErrorCount > errorsBefore);
    }

    /// <summary>
    /// Reads the items of a braced body, entered already, up to and past its <c>}</c>: <paramref name="parseItem"/>
    /// reads one item (false after reporting an error, then the parser resynchronises inside the body).
    /// False when the body ends without its <c>}</c> (at the end of the file or the next declaration) or the
    /// declaration is given up.
    /// </summary>
    private bool ParseBracedItems(string what, Func<bool> parseItem)
    {
        var bodyDepth = _depth;
        while (Current.Kind != TokenKind.CloseBrace)
        {
            if (Current.Kind == TokenKind.EndOfFile)
            {
                Error(Current, "expected '}' to close " + what);
                return false;
            }

            if (StartsDeclaration())
            {
                Error(Current, "expected '}' to close " + what + " before the next declaration");
                _resumeAtDeclaration = true;
                return false;
            }

            if (parseItem())
            {
                continue;
            }

            if (_abandonDeclaration || _resumeAtDeclaration || _diagnostics.IsFull || !RecoverInBody(bodyDepth))
            {
                return false;
            }
        }

        Leave();
        return true;
    }

    /// <summary>Parses one statement into the body's lists; false after reporting an error.</summary>
    private bool ParseStatement(List<StatementSyntax> declarations, EdgeChainTable chains, List<int> order)
    {
        var start = Current;
        if (start.IsIdentifier(Keywords.Vertex))
        {
            Advance();
            var names = new List<Identifier>();
            do
            {
                if (names.Count > 0)
                {
                    Advance();
                }

                if (!Expect(TokenKind.Identifier, "a vertex name", out var name))
                {
                    return false;
                }

                names.Add(Identifier(name));
            }
            while (Current.Kind == TokenKind.Comma);

            if (!Expect(TokenKind.Semicolon, "',' or ';' after the vertex names", out _))
            {
                return false;
            }

            order.Add(declarations.Count);
            declarations.Add(new VertexDeclarationSyntax(SourceSpan.Covering(start.Span, _previous.Span), names));
            return true;
        }

        if (start.IsIdentifier(Keywords.Block))
        {
            Advance();
            var blocks = new List<BlockItemSyntax>();
            do
            {
                if (blocks.Count > 0)
                {
                    Advance();
                }

                var block = ParseBlockItem();
                if (block is null)
                {
                    return false;
                }

                blocks.Add(block);
            }
            while (Current.Kind == TokenKind.Comma);

            if (!Expect(TokenKind.Semicolon, "',' or ';' after the blocks", out _))
            {
                return false;
            }

            order.Add(declarations.Count);
            declarations.Add(new BlockDeclarationSyntax(SourceSpan.Covering(start.Span, _previous.Span), blocks));
            return true;
        }

        var firstReference = chains.ReferenceCount;
        var firstGroup = chains.GroupCountSoFar;
        if (!ParseEdgeChain(chains, firstReference, firstGroup))
        {
            chains.Abandon(firstReference, firstGroup);
            return false;
        }

        order.Add(~(chains.ChainCountSoFar - 1));
        return true;
    }

    private BlockItemSyntax? ParseBlockItem()
    {
        if (!Expect(TokenKind.Identifier, "a block name", out var name))
        {
            return null;
        }

        if (Current.Kind != TokenKind.OpenBracket)
        {
            Error(Current, $"expected '[' and the size of block '{name.Text}'");
            return null;
        }

        if (!Enter() || !Expect(TokenKind.Integer, "the block's size (an integer)", out var size) || !ExpectClose(TokenKind.CloseBracket, "']' after the block's size"))
        {
            return null;
        }

        return new BlockItemSyntax(SourceSpan.Covering(name.Span, _previous.Span), Identifier(name), Number(size, false, size.Span));
    }

    private bool ParseEdgeChain(EdgeChainTable chains, int firstReference, int firstGroup)
    {
        var start = Current;
        while (true)
        {
            while (true)
            {
                if (!ParseVertexReference(out var reference))
                {
                    return false;
                }

                chains.AddReference(reference);
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }

            chains.EndGroup();
            if (Current.Kind != TokenKind.Arrow)
            {
                break;
            }

            Advance();
        }

        if (chains.GroupCountSoFar - firstGroup < 2)
        {
            Error(Current, "expected '->' (an edge statement joins vertices with arrows) or ','");
            return false;
        }

        PatternSyntax? pattern = null;
        if (Current.Kind == TokenKind.Colon)
        {
            Advance();
            pattern = ParsePattern();
            if (pattern is null)
            {
                return false;
            }
        }

        if (!Expect(TokenKind.Semicolon, pattern is null ? "';' (or ':' and a pattern) after the edges" : "';' after the pattern", out _))
        {
            return false;
        }

        chains.EndChain(firstReference, firstGroup, pattern, SourceSpan.Covering(start.Span, _previous.Span));
        return true;
    }

    private bool ParseVertexReference(out VertexReference reference)
    {
        reference = default;
        if (!Expect(TokenKind.Identifier, "a vertex or block name", out var name))
        {
            return false;
        }

        RangeSyntax? range = null;
        if (Current.Kind == TokenKind.OpenBracket)
        {
            var open = Current;
            if (!Enter() || !Expect(TokenKind.Integer, "an index (an integer)", out var first))
            {
                return false;
            }

            NumberLiteralSyntax? last = null;
            if (Current.Kind == TokenKind.DotDot)
            {
                Advance();
                if (!Expect(TokenKind.Integer, "the last index of the range (an integer)", out var lastToken))
                {
                    return false;
                }

                last = Number(lastToken, false, lastToken.Span);
            }

            if (!ExpectClose(TokenKind.CloseBracket, "']' (or '..' and a last index)"))
            {
                return false;
            }

            range = new RangeSyntax(SourceSpan.Covering(open.Span, _previous.Span), Number(first, false, first.Span), last);
        }

        reference = new VertexReference(Identifier(name), range);
        return true;
    }

    private PatternSyntax? ParsePattern()
    {
        if (!Expect(TokenKind.Identifier, "a pattern ('full', 'random', 'one_to_one' or 'band')", out var name))
        {
            return null;
        }

        var arguments = new List<ArgumentSyntax>();
        if (Current.Kind == TokenKind.OpenParen && !ParseArguments(arguments))
        {
            return null;
        }

        return new PatternSyntax(SourceSpan.Covering(name.Span, _previous.Span), Identifier(name), arguments);
    }

    /// <summary><c>( [ARGUMENT (, ARGUMENT)*] )</c></summary>
    private bool ParseArguments(List<ArgumentSyntax> arguments)
    {
        if (!Enter())
        {
            return false;
        }

        if (Current.Kind == TokenKind.CloseParen)
        {
            return ExpectClose(TokenKind.CloseParen, "')'");
        }

        while (true)
        {
            var start = Current;
            Identifier? name = null;
            if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Colon)
            {
                name = Identifier(Advance());
                Advance();
            }

            var value = ParseExpression();
            if (value is null)
            {
                return false;
            }

            arguments.Add(new ArgumentSyntax(SourceSpan.Covering(start.Span, _previous.Span), name, value));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        return ExpectClose(TokenKind.CloseParen, "',' or ')' after the argument");
    }

    /// <summary><c>PRIMARY (+ PRIMARY)*</c>, left-associative; a loop, so long sums do not recurse.</summary>
    private ExpressionSyntax? ParseExpression()
    {
        var left = ParsePrimary();
        while (left is not null && Current.Kind == TokenKind.Plus)
        {
            var plus = Advance();
            var right = ParsePrimary();
            if (right is null)
            {
                return null;
            }

            left = new UnionExpressionSyntax(SourceSpan.Covering(left.Span, right.Span), left, plus.Span, right);
        }

        return left;
    }

    private ExpressionSyntax? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Decimal:
                Advance();
                return Number(token, false, token.Span);
            case TokenKind.Minus:
                Advance();
                if (Current.Kind is TokenKind.Integer or TokenKind.Decimal)
                {
                    var digits = Advance();
                    return Number(digits, true, SourceSpan.Covering(token.Span, digits.Span));
                }

                Error(Current, "expected a number after '-'");
                return null;
            case TokenKind.Shape:
                Advance();
                return new ShapeLiteralSyntax(token.Span, token.Text!);
            case TokenKind.String:
                Advance();
                return new StringLiteralSyntax(token.Span, token.Text!);
            case TokenKind.OpenParen:
            {
                if (!Enter())
                {
                    return null;
                }

                var inner = ParseExpression();
                if (inner is null || !ExpectClose(TokenKind.CloseParen, "')' or '+'"))
                {
                    return null;
                }

                return new ParenthesizedExpressionSyntax(SourceSpan.Covering(token.Span, _previous.Span), inner);
            }

            case TokenKind.OpenBrace:
                return IsMapAhead() ? ParseMap() : ParseStructureBody();
            case TokenKind.Identifier:
                Advance();
                if (token.Text == Keywords.True || token.Text == Keywords.False)
                {
                    return new BooleanLiteralSyntax(token.Span, token.Text == Keywords.True);
                }

                if (Current.Kind == TokenKind.OpenParen)
                {
                    var arguments = new List<ArgumentSyntax>();
                    return ParseArguments(arguments)
                        ? new CallExpressionSyntax(SourceSpan.Covering(token.Span, _previous.Span), Identifier(token), arguments)
                        : null;
                }

                return new NameExpressionSyntax(Identifier(token));
            default:
                Error(token, "expected a value: a number, a shape, a name, a family such as 'path(n: 4)', '(' or '{'");
                return null;
        }
    }

    /// <summary>A map starts <c>{ key :</c>; anything else after <c>{</c> is a structure written out.</summary>
    private bool IsMapAhead() =>
        Peek(1).Kind is TokenKind.Identifier or TokenKind.Integer && Peek(2).Kind == TokenKind.Colon;

    private MapSyntax? ParseMap()
    {
        var open = Current;
        if (!Enter())
        {
            return null;
        }

        var entries = new List<MapEntrySyntax>();
        while (true)
        {
            var key = Current;
            if (key.Kind is not (TokenKind.Identifier or TokenKind.Integer))
            {
                Error(key, "expected a vertex name or index as the key");
                return null;
            }

            Advance();
            if (!Expect(TokenKind.Colon, "':' after the key", out _))
            {
                return null;
            }

            var value = ParseExpression();
            if (value is null)
            {
                return null;
            }

            entries.Add(new MapEntrySyntax(SourceSpan.Covering(key.Span, value.Span), key.Text!, key.Kind == TokenKind.Integer, key.Span, value));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        return ExpectClose(TokenKind.CloseBrace, "',' or '}' after the entry")
            ? new MapSyntax(SourceSpan.Covering(open.Span, _previous.Span), entries)
            : null;
    }

    /// <summary>
    /// Skips the rest of a statement that failed: up to and including the next <c>;</c> at the
    /// body's depth, or up to (not including) the body's closing <c>}</c>. Iterative, so any
    /// nesting in skipped text is harmless. Returns false at the end of the text.
    /// </summary>
    private bool RecoverInBody(int bodyDepth)
    {
        var depth = _depth;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.EndOfFile:
                    _depth = bodyDepth;
                    return false;
                case TokenKind.OpenBrace:
                case TokenKind.OpenParen:
                case TokenKind.OpenBracket:
                    depth++;
                    break;
                case TokenKind.CloseBrace:
                case TokenKind.CloseParen:
                case TokenKind.CloseBracket:
                    if (depth <= bodyDepth)
                    {
                        if (token.Kind == TokenKind.CloseBrace)
                        {
                            _depth = bodyDepth;
                            return true;
                        }

                        // A stray ')' or ']' at the body's own level belongs to the broken statement.
                        break;
                    }

                    depth--;
                    break;
                case TokenKind.Semicolon:
                    if (depth <= bodyDepth)
                    {
                        Advance();
                        _depth = bodyDepth;
                        return true;
                    }

                    break;
            }

            Advance();
        }
    }

    /// <summary>
    /// Skips to the end of the top-level declaration that failed: past a <c>;</c> or a <c>}</c> that
    /// brings the nesting back to the top, or up to a <c>structure</c> or <c>model</c> keyword at the
    /// top level. Always consumes at least one token unless at the end, so the caller's loop progresses.
    /// </summary>
    private void RecoverAtTopLevel()
    {
        var depth = _depth;
        _abandonDeclaration = false;
        while (Current.Kind != TokenKind.EndOfFile)
        {
            var token = Current;
            if (depth == 0 && StartsDeclaration())
            {
                break;
            }

            Advance();
            if (token.Kind is TokenKind.OpenBrace or TokenKind.OpenParen or TokenKind.OpenBracket)
            {
                depth++;
            }
            else if (token.Kind is TokenKind.CloseBrace or TokenKind.CloseParen or TokenKind.CloseBracket)
            {
                depth = depth > 0 ? depth - 1 : 0;
                if (depth == 0 && token.Kind == TokenKind.CloseBrace)
                {
                    if (Current.Kind == TokenKind.Semicolon)
                    {
                        Advance();
                    }

                    break;
                }
            }
            else if (token.Kind == TokenKind.Semicolon && depth == 0)
            {
                break;
            }
        }

        _depth = 0;
    }

    /// <summary>
    /// Whether the next tokens begin a top-level declaration (<c>structure NAME {</c>, <c>structure
    /// NAME =</c>, <c>model NAME :</c>), which no statement or setting can: so an unclosed block
    /// ends there instead of swallowing the rest of the file.
    /// </summary>
    private bool StartsDeclaration()
    {
        if (Peek(1).Kind != TokenKind.Identifier)
        {
            return false;
        }

        var third = Peek(2).Kind;
        return (Current.IsIdentifier(Keywords.Structure) && third is TokenKind.OpenBrace or TokenKind.Equals)
            || (Current.IsIdentifier(Keywords.Model) && third == TokenKind.Colon);
    }

    /// <summary>Consumes an opening bracket, refusing it (DS1001) if it would nest deeper than the limit.</summary>
    private bool Enter()
    {
        if (_depth >= MaximumNesting)
        {
            _diagnostics.Report(
                DiagnosticIds.Syntax,
                Current.Span,
                "Nesting too deep: found a bracket at nesting level {0}, expected at most {1} levels; the declaration is not parsed further.",
                _depth + 1,
                MaximumNesting);
            _abandonDeclaration = true;
            return false;
        }

        Advance();
        _depth++;
        return true;
    }

    private void Leave()
    {
        Advance();
        _depth--;
    }

    private bool ExpectClose(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            Error(Current, "expected " + expected);
            return false;
        }

        Leave();
        return true;
    }

    private bool Expect(TokenKind kind, string expected, out Token token)
    {
        token = Current;
        if (token.Kind != kind)
        {
            Error(token, "expected " + expected);
            return false;
        }

        Advance();
        return true;
    }

    private void Error(Token found, string expected) =>
        _diagnostics.Report(DiagnosticIds.Syntax, found.Span, "Unexpected {0}: {1}.", Describe(found), expected);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "end of text",
        TokenKind.Identifier => $"'{Shorten(token.Text!)}'",
        TokenKind.Integer or TokenKind.Decimal or TokenKind.Shape => $"number '{Shorten(token.Text!)}'",
        TokenKind.String => "string",
        TokenKind.Invalid => $"character{(token.Text!.Length > 1 ? "s" : string.Empty)} '{Shorten(token.Text!)}'",
        _ => $"'{Punctuation(token.Kind)}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    private static string Punctuation(TokenKind kind) => kind switch
    {
        TokenKind.OpenBrace => "{",
        TokenKind.CloseBrace => "}",
        TokenKind.OpenParen => "(",
        TokenKind.CloseParen => ")",
        TokenKind.OpenBracket => "[",
        TokenKind.CloseBracket => "]",
        TokenKind.Semicolon => ";",
        TokenKind.Comma => ",",
        TokenKind.Colon => ":",
        TokenKind.Equals => "=",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Arrow => "->",
        TokenKind.DotDot => "..",
        _ => ".",
    };

    private static Identifier Identifier(Token token) => new(token.Text!, token.Span);

    private static NumberLiteralSyntax Number(Token token, bool negative, SourceSpan span) =>
        new(span, token.Text!, token.Kind == TokenKind.Integer, negative);

    private Token Peek(int ahead)
    {
        while (_lookaheadCount <= ahead)
        {
            _lookahead[(_lookaheadStart + _lookaheadCount) & 3] = _lexer.Next();
            _lookaheadCount++;
        }

        return _lookahead[(_lookaheadStart + ahead) & 3];
    }

    private Token Advance()
    {
        var token = Peek(0);
        if (token.Kind != TokenKind.EndOfFile)
        {
            _lookaheadStart = (_lookaheadStart + 1) & 3;
            _lookaheadCount--;
        }

        _previous = token;
        return token;
    }
}
