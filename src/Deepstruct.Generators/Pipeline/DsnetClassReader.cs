using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Deepstruct.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Deepstruct.Generators.Pipeline;

/// <summary>Reads what the generator and the analyzer need from a class marked <c>[Dsnet]</c>.</summary>
internal static class DsnetClassReader
{
    /// <summary>The attribute's metadata name; it is defined in the runtime.</summary>
    public const string AttributeName = "Deepstruct.DsnetAttribute";

    /// <summary>Marks the syntax trees this generator adds, so the analyzer can tell generated members from the user's.</summary>
    public const string GeneratedPathMarker = "Deepstruct.Generators.DsnetGenerator";

    public static DsnetClassTarget Read(INamedTypeSymbol type, AttributeData attribute)
    {
        var text = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string value ? value : null;
        return new DsnetClassTarget(
            HintNames.ForClass(QualifiedName(type), MetadataName(type)),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            new EquatableArray<string>(ContainingTypeHeaders(type)),
            type.Name,
            text,
            new EquatableArray<string>(UserMembers(type).Distinct().OrderBy(name => name, System.StringComparer.Ordinal)),
            EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The type's <c>[Dsnet]</c> attributes, the one that gives its model first: in the order of the
    /// compilation's syntax trees, then of position. A class has one model however many of its
    /// partial declarations carry the attribute (each further one is DS3004).
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="attributeType">The compilation's <c>DsnetAttribute</c>, looked up once (<see cref="AttributeType"/>), compared as a symbol.</param>
    /// <param name="compilation">The compilation, for the order of its syntax trees.</param>
    public static List<AttributeData> DsnetAttributes(INamedTypeSymbol type, INamedTypeSymbol attributeType, Compilation compilation)
    {
        var attributes = type.GetAttributes().Where(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)).ToList();
        if (attributes.Count < 2)
        {
            return attributes;
        }

        var trees = new Dictionary<SyntaxTree, int>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            trees[tree] = trees.Count;
        }

        return attributes
            .OrderBy(attribute => attribute.ApplicationSyntaxReference is { } reference && trees.TryGetValue(reference.SyntaxTree, out var index) ? index : int.MaxValue)
            .ThenBy(attribute => attribute.ApplicationSyntaxReference?.Span.Start ?? int.MaxValue)
            .ToList();
    }

    /// <summary>The compilation's <c>DsnetAttribute</c>, or null when it has none (or more than one, ambiguously): then no class has a model.</summary>
    public static INamedTypeSymbol? AttributeType(Compilation compilation) => compilation.GetTypeByMetadataName(AttributeName);

    /// <summary>Whether two attributes are the same application (the same text), whoever read them.</summary>
    public static bool SameApplication(AttributeData left, AttributeData right) =>
        ReferenceEquals(left, right)
        || (left.ApplicationSyntaxReference is { } l && right.ApplicationSyntaxReference is { } r && l.SyntaxTree == r.SyntaxTree && l.Span == r.Span);

    /// <summary>The type's full metadata name (<c>Ns.Outer+Inner</c>): unique per type, compared with case.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        // Namespace names as written in metadata: ToDisplayString would escape a keyword (@class), which a .dsnet namespace does not.
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            name = ns.MetadataName + "." + name;
        }

        return name;
    }

    /// <summary>Where the type declares its model: the identifier of the declaration that carries <paramref name="attribute"/>.</summary>
    public static Location DeclarationLocation(INamedTypeSymbol type, AttributeData attribute, CancellationToken token)
    {
        var declaration = attribute.ApplicationSyntaxReference?.GetSyntax(token).FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return declaration switch
        {
            BaseTypeDeclarationSyntax typeDeclaration => typeDeclaration.Identifier.GetLocation(),
            DelegateDeclarationSyntax delegateDeclaration => delegateDeclaration.Identifier.GetLocation(),
            _ => type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None,
        };
    }

    /// <summary>The model declaration a <c>[Dsnet]</c> type makes, for duplicate names (DS2004); null when it has no place in source.</summary>
    public static ModelDeclaration? Declaration(INamedTypeSymbol type, AttributeData attribute, CancellationToken token) =>
        ModelDeclaration.At(MetadataName(type), type.Name, DeclarationLocation(type, attribute, token));

    /// <summary>Why the type cannot carry a model (DS3003), or null.</summary>
    public static string? UnsupportedReason(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
        {
            return type.TypeKind switch
            {
                TypeKind.Class => "a record",
                TypeKind.Struct => type.IsRecord ? "a record struct" : "a struct",
                TypeKind.Interface => "an interface",
                TypeKind.Enum => "an enum",
                TypeKind.Delegate => "a delegate",
                _ => "not a class",
            };
        }

        if (type.IsStatic)
        {
            return "static";
        }

        // The generated part lives in a file of its own, where a file-local class is out of reach:
        // it would declare a second class of the same name instead.
        for (var declared = type; declared is not null; declared = declared.ContainingType)
        {
            if (declared.IsFileLocal)
            {
                return SymbolEqualityComparer.Default.Equals(declared, type) ? "file-local" : "nested in the file-local type '" + declared.Name + "'";
            }
        }

        if (type.IsAbstract)
        {
            return "abstract";
        }

        // IsGenericType is also true for a type nested in a generic one: ask for its own parameters.
        if (type.TypeParameters.Length > 0)
        {
            return "generic";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                return "nested in the generic type '" + outer.Name + "'";
            }
        }

        return null;
    }

    /// <summary>Whether every declaration of the class the user wrote says <c>partial</c>.</summary>
    public static bool IsPartial(INamedTypeSymbol type)
    {
        var declarations = type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<TypeDeclarationSyntax>()
            .Where(declaration => !IsGenerated(declaration.SyntaxTree))
            .ToList();
        return declarations.Count > 0 && declarations.All(declaration => declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
    }

    /// <summary>The identifier of a declaration of the type, written by the user, that lacks <c>partial</c>; null when there is none.</summary>
    public static Location? NotPartialLocation(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(declaration => !IsGenerated(declaration.SyntaxTree) && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            ?.Identifier.GetLocation();

    /// <summary>Members the user declared, by name; an explicit parameterless constructor is <c>.ctor</c>.</summary>
    public static IEnumerable<string> UserMembers(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.Locations.All(location => location.SourceTree is { } tree && IsGenerated(tree)))
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                if (constructor.Parameters.Length == 0 && !constructor.IsStatic)
                {
                    yield return Emit.GeneratedMember.Constructor;
                }

                continue;
            }

            yield return member.Name;
        }
    }

    public static bool IsGenerated(SyntaxTree tree) => tree.FilePath.Replace('\\', '/').Contains(GeneratedPathMarker + "/");

    private static string QualifiedName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    private static List<string> ContainingTypeHeaders(INamedTypeSymbol type)
    {
        var headers = new List<string>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var keyword = outer.TypeKind switch
            {
                TypeKind.Struct => outer.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => outer.IsRecord ? "record" : "class",
            };
            headers.Add("partial " + keyword + " " + Emit.CSharpLiterals.TypeName(outer.Name));
        }

        headers.Reverse();
        return headers;
    }
}
