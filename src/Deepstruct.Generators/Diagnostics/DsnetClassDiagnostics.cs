using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Deepstruct.Binding;
using Deepstruct.Generators.Emit;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>
/// The diagnostics of a <c>[Dsnet]</c> class: DS3001–DS3003 on the class or member, and the
/// model's own diagnostics inside the attribute's string literal. Shared by the analyzer and the
/// generator, which also takes the model's spec from here rather than compiling the model again.
/// </summary>
internal static class DsnetClassDiagnostics
{
    /// <summary>The class's diagnostics; <paramref name="spec"/> is the model's spec when the class carries a valid model and nothing collides, else null.</summary>
    public static List<DsnetFinding> Find(INamedTypeSymbol type, AttributeData attribute, DsnetClassTarget target, CancellationToken token, out ModelSpec? spec)
    {
        spec = null;
        var findings = new List<DsnetFinding>();
        var classLocation = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
        if (DsnetClassReader.UnsupportedReason(type) is { } reason)
        {
            findings.Add(new DsnetFinding(DsnetDescriptors.UnsupportedClass, classLocation, type.Name, reason));
            return findings;
        }

        // The generated part repeats every containing type's declaration, so each must be partial too (CS0260 otherwise).
        for (var declared = type; declared is not null; declared = declared.ContainingType)
        {
            if (!DsnetClassReader.IsPartial(declared))
            {
                var which = SymbolEqualityComparer.Default.Equals(declared, type) ? "the class" : "its containing type '" + declared.Name + "'";
                var location = SymbolEqualityComparer.Default.Equals(declared, type) ? classLocation : DsnetClassReader.NotPartialLocation(declared) ?? classLocation;
                findings.Add(new DsnetFinding(DsnetDescriptors.NotPartial, location, type.Name, which));
                return findings;
            }
        }

        // The generated parameterless constructor could not chain to a primary constructor (CS8862).
        if (PrimaryConstructorParameters(type) is { } parameters)
        {
            findings.Add(new DsnetFinding(DsnetDescriptors.UnsupportedClass, parameters.GetLocation(), type.Name,
                "declared with a primary constructor (the generated constructor calls the model's base class instead)"));
            return findings;
        }

        if (target.Text is null)
        {
            return findings;
        }

        var argument = (attribute.ApplicationSyntaxReference?.GetSyntax(token) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        var compilation = DsnetCompiler.CompileModel(target.Text, target.ClassName);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            findings.Add(new DsnetFinding(DsnetDescriptors.ForLanguage(diagnostic.Id), LocateInLiteral(argument, diagnostic.Span.Offset, diagnostic.Span.Length), diagnostic.Message));
        }

        if (compilation.HasErrors || compilation.Models.Count != 1)
        {
            return findings;
        }

        var built = ModelSpecBuilder.Build(compilation.Models[0], target.Namespace, target.ContainingTypes, target.HintName, fromFile: false, target.ClassName);
        var emitter = ModelEmitter.For(built);
        if (emitter.ClassIsNamedLikeAMember)
        {
            findings.Add(new DsnetFinding(DsnetDescriptors.MemberCollision, classLocation, MemberCollisionMessages.ClassName(type.Name)));
            return findings;
        }

        var modelBase = emitter.BaseClass;
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } declaredBase
            && declaredBase.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) != modelBase)
        {
            findings.Add(new DsnetFinding(DsnetDescriptors.UnsupportedClass, BaseTypeLocation(type, declaredBase) ?? classLocation, type.Name,
                "declared with the base class '" + declaredBase.ToDisplayString() + "' (the generated part derives from '" + modelBase.Replace("global::", string.Empty)
                + "'; leave the base class out)"));
            return findings;
        }

        foreach (var name in emitter.Collisions(target.UserMembers))
        {
            var member = type.GetMembers()
                .Where(candidate => !candidate.IsImplicitlyDeclared)
                .FirstOrDefault(candidate => name == GeneratedMember.Constructor
                    ? candidate is IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0 }
                    : candidate.Name == name);
            var location = member?.Locations.FirstOrDefault(candidate => candidate.IsInSource && !DsnetClassReader.IsGenerated(candidate.SourceTree!)) ?? classLocation;
            findings.Add(new DsnetFinding(DsnetDescriptors.MemberCollision, location, MemberCollisionMessages.UserMember(type.Name, name == GeneratedMember.Constructor ? "a parameterless constructor" : name)));
        }

        if (built is CellDanSpec && !CellFactories.HasFactory(type))
        {
            var model = compilation.Models[0];
            var kindLength = System.Math.Min(model.Span.Length, model.Kind.Keyword().Length);
            findings.Add(new DsnetFinding(DsnetDescriptors.MissingCellFactory, LocateInLiteral(argument, model.Span.Offset, kindLength),
                type.Name, type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)));
        }

        if (!findings.Any(finding => finding.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            spec = built;
        }

        return findings;
    }

    /// <summary>DS3004 at a further <c>[Dsnet]</c> of the class, naming the place of the one that gives its model.</summary>
    public static DsnetFinding SecondAttribute(INamedTypeSymbol type, AttributeData extra, AttributeData first, CancellationToken token)
    {
        var location = extra.ApplicationSyntaxReference?.GetSyntax(token).GetLocation() ?? Location.None;
        var firstLocation = first.ApplicationSyntaxReference?.GetSyntax(token).GetLocation();
        var place = firstLocation is null ? "another declaration" : ModelDeclaration.PlaceOf(firstLocation.GetLineSpan().Path, firstLocation.GetLineSpan().StartLinePosition);
        return new DsnetFinding(DsnetDescriptors.SecondAttribute, location, type.Name, place);
    }

    private static ParameterListSyntax? PrimaryConstructorParameters(INamedTypeSymbol type) =>
        UserDeclarations(type).Select(declaration => declaration.ParameterList).FirstOrDefault(list => list is not null);

    // The base class is written in one of the user's declarations; found by name (no semantic model here).
    private static Location? BaseTypeLocation(INamedTypeSymbol type, INamedTypeSymbol declaredBase) =>
        UserDeclarations(type)
            .SelectMany(declaration => declaration.BaseList?.Types ?? default)
            .FirstOrDefault(baseType => RightmostName(baseType.Type) == declaredBase.Name)?.Type.GetLocation();

    private static string? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    private static IEnumerable<TypeDeclarationSyntax> UserDeclarations(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences
            .Where(reference => !DsnetClassReader.IsGenerated(reference.SyntaxTree))
            .Select(reference => reference.GetSyntax())
            .OfType<TypeDeclarationSyntax>();

    private static Location LocateInLiteral(ExpressionSyntax? argument, int offset, int length)
    {
        if (argument is null)
        {
            return Location.None;
        }

        if (argument is LiteralExpressionSyntax literal && LiteralOffsetMap.Create(literal.Token) is { } map)
        {
            return Location.Create(argument.SyntaxTree, map.Map(offset, length));
        }

        // A constant expression (concatenation, a const field): the best place is the whole argument.
        return argument.GetLocation();
    }
}
