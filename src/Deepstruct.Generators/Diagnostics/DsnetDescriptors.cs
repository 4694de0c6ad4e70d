using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>Every diagnostic the analyzers and the generator report, in one place (IDs as in DSNET.md).</summary>
internal static class DsnetDescriptors
{
    public static readonly DiagnosticDescriptor InternalError = Error("DS0001", "Deepstruct.Generator", "The Deepstruct generator failed", "The Deepstruct generator failed on {0}: {1}");
    public static readonly DiagnosticDescriptor Syntax = Error("DS1001", "Deepstruct.Syntax", "Syntax error in a .dsnet model", "{0}");
    public static readonly DiagnosticDescriptor Unterminated = Error("DS1002", "Deepstruct.Syntax", "Unterminated comment or string", "{0}");
    public static readonly DiagnosticDescriptor Cycle = Error("DS2001", "Deepstruct.Structure", "The structure is not a DAG", "{0}");
    public static readonly DiagnosticDescriptor SelfLoop = Error("DS2002", "Deepstruct.Structure", "Self-loop", "{0}");
    public static readonly DiagnosticDescriptor UnknownName = Error("DS2003", "Deepstruct.Binding", "Unknown name", "{0}");
    public static readonly DiagnosticDescriptor DuplicateName = Error("DS2004", "Deepstruct.Binding", "Duplicate name", "{0}");
    public static readonly DiagnosticDescriptor BadArgument = Error("DS2005", "Deepstruct.Binding", "Bad argument", "{0}");
    public static readonly DiagnosticDescriptor BadSetting = Error("DS2006", "Deepstruct.Binding", "Missing or unexpected model setting", "{0}");
    public static readonly DiagnosticDescriptor SizeMismatch = Error("DS2007", "Deepstruct.Structure", "Sizes do not fit", "{0}");
    public static readonly DiagnosticDescriptor TooLarge = Error("DS2008", "Deepstruct.Structure", "Structure too large to build at compile time", "{0}");

    public static readonly DiagnosticDescriptor IsolatedVertex = new(
        "DS2009", "Vertex without edges", "{0}", "Deepstruct.Structure", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "DS3001", "Deepstruct.CSharp", "[Dsnet] class is not partial",
        "The class '{0}' has [Dsnet] but {1} is not partial; declare {1} 'partial' so the generator can add the model's members");

    /// <summary>The message is one of <see cref="MemberCollisionMessages"/>.</summary>
    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "DS3002", "Deepstruct.CSharp", "Generated member collides with a member or the name of the class", "{0}");

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "DS3003", "Deepstruct.CSharp", "[Dsnet] on an unsupported class",
        "The class '{0}' is {1}; [Dsnet] needs a non-abstract, non-static, non-generic, non-file-local class that is not nested in a generic type, without a primary constructor or a base class of its own");

    public static readonly DiagnosticDescriptor SecondAttribute = Error(
        "DS3004", "Deepstruct.CSharp", "[Dsnet] on more than one declaration of a class",
        "The class '{0}' has [Dsnet] on more than one of its declarations; the one at {1} gives its model: expected one [Dsnet] per class");

    public static readonly DiagnosticDescriptor MissingCellFactory = Error(
        "DS3005", "Deepstruct.CSharp", "cell_dan model without its CreateCell",
        "The cell_dan model '{0}' has no cells: implement '" + Pipeline.CellFactories.Signature
        + "' (TorchSharp's torch.nn.Module) in a partial class '{1}' of your own; it builds the cell of each vertex");

    /// <summary>The descriptors of the language's diagnostics (DS1xxx, DS2xxx), by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> LanguageById = new[]
    {
        Syntax, Unterminated, Cycle, SelfLoop, UnknownName, DuplicateName, BadArgument, BadSetting, SizeMismatch, TooLarge, IsolatedVertex,
    }.ToImmutableDictionary(descriptor => descriptor.Id);

    /// <summary>Every descriptor the analyzer can report.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> AnalyzerDescriptors =
        ImmutableArray.CreateRange(new List<DiagnosticDescriptor>(LanguageById.Values) { NotPartial, MemberCollision, UnsupportedClass, SecondAttribute, MissingCellFactory })
            .Sort((left, right) => string.CompareOrdinal(left.Id, right.Id));

    /// <summary>Every descriptor, the generator's own DS0001 included, by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById =
        AnalyzerDescriptors.Add(InternalError).ToImmutableDictionary(descriptor => descriptor.Id);

    /// <summary>The descriptor of a language diagnostic (DS1xxx, DS2xxx) from the front end.</summary>
    public static DiagnosticDescriptor ForLanguage(string id) => LanguageById.TryGetValue(id, out var descriptor) ? descriptor : Syntax;

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
