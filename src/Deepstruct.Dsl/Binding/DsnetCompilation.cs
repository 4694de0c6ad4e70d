using System.Collections.Generic;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>The outcome of compiling one text: the models and structures that bound, and every diagnostic.</summary>
public sealed class DsnetCompilation
{
    internal DsnetCompilation(
        CompilationUnitSyntax? syntax,
        string? @namespace,
        IReadOnlyList<BoundModel> models,
        IReadOnlyDictionary<string, BoundStructure> structures,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        Syntax = syntax;
        Namespace = @namespace;
        Models = models;
        Structures = structures;
        Diagnostics = diagnostics;
    }

    /// <summary>The syntax tree (null for the <c>[Dsnet]</c> form, whose single model is in <see cref="Models"/>).</summary>
    public CompilationUnitSyntax? Syntax { get; }

    /// <summary>The file's <c>namespace</c>, or null when it has none (use the project's root namespace).</summary>
    public string? Namespace { get; }

    /// <summary>The models without errors, in the order declared. A model with an error is absent; the others are not affected.</summary>
    public IReadOnlyList<BoundModel> Models { get; }

    /// <summary>The named structures without errors, by name.</summary>
    public IReadOnlyDictionary<string, BoundStructure> Structures { get; }

    /// <summary>Every diagnostic, ordered by position.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);
}
