using System;
using System.Collections.Generic;
using Deepstruct.Binding;
using Deepstruct.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>The models a <c>.dsnet</c> file declares and a <c>[Dsnet]</c> class is, by full name.</summary>
internal static class ModelDeclarations
{
    /// <summary>The file's namespace: its own, else the project's RootNamespace, else the global namespace (null).</summary>
    public static string? NamespaceOf(DsnetCompilation compilation, string? rootNamespace) =>
        compilation.Namespace ?? (string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace);

    /// <summary>
    /// Every model the file declares, valid or not (a model with errors still claims its name, so a
    /// duplicate does not come and go while it is being written); a name declared twice in the file
    /// counts once, at its first declaration (the second is the file's own DS2004).
    /// </summary>
    public static List<ModelDeclaration> OfFile(string path, SourceText text, DsnetCompilation compilation, string? rootNamespace)
    {
        var declarations = new List<ModelDeclaration>();
        if (compilation.Syntax is not { } unit)
        {
            return declarations;
        }

        var @namespace = NamespaceOf(compilation, rootNamespace);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in unit.Declarations)
        {
            var name = declaration.Name.Text;
            if (string.IsNullOrEmpty(name) || !seen.Add(name) || declaration is not ModelDeclarationSyntax)
            {
                continue;
            }

            var start = Math.Min(Math.Max(0, declaration.Name.Span.Offset), text.Length);
            var span = TextSpan.FromBounds(start, Math.Min(text.Length, start + Math.Max(0, declaration.Name.Span.Length)));
            declarations.Add(new ModelDeclaration(FullName(@namespace, name), name, path, span, text.Lines.GetLinePositionSpan(span)));
        }

        return declarations;
    }

    /// <summary>A top-level model class's full name: <c>Namespace.Name</c>, or the name alone in the global namespace (no <c>@</c> escapes).</summary>
    public static string FullName(string? @namespace, string name) => string.IsNullOrEmpty(@namespace) ? name : @namespace + "." + name;
}
