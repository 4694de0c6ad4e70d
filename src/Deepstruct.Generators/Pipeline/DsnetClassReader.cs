using System.Collections.Generic;
using System.Linq;
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
            HintNames.ForClass(QualifiedName(type)),
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            new EquatableArray<string>(ContainingTypeHeaders(type)),
            type.Name,
            text,
            new EquatableArray<string>(UserMembers(type).Distinct().OrderBy(name => name, System.StringComparer.Ordinal)),
            EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Why the class cannot carry a model (DS3003), or null.</summary>
    public static string? UnsupportedReason(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
        {
            return "not a class";
        }

        if (type.IsStatic)
        {
            return "static";
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
                    yield return ".ctor";
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
