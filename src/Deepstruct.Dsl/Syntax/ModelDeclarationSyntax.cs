using System.Collections.Generic;
using Deepstruct.Diagnostics;

namespace Deepstruct.Syntax;

/// <summary><c>model NAME : KIND { SETTINGS }</c>, or the <c>KIND { SETTINGS }</c> of a <c>[Dsnet]</c> attribute.</summary>
public sealed class ModelDeclarationSyntax : DeclarationSyntax
{
    internal ModelDeclarationSyntax(SourceSpan span, Identifier name, Identifier kind, IReadOnlyList<SettingSyntax> settings, bool hasSyntaxErrors)
        : base(span, name, hasSyntaxErrors)
    {
        Kind = kind;
        Settings = settings;
    }

    /// <summary>The kind as written (<c>ffn</c>, <c>dan</c>, <c>cell_dan</c>, <c>rnn</c>).</summary>
    public Identifier Kind { get; }

    /// <summary>The settings in the order written.</summary>
    internal IReadOnlyList<SettingSyntax> Settings { get; }
}
