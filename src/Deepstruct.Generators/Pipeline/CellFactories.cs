using System.Linq;
using System.Threading;
using Deepstruct.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Finds the user's implementation of a <c>cell_dan</c> class's <c>CreateCell</c>, the partial method
/// the generated code declares. Without one the generated declaration would fail with CS8795, so the
/// model is reported (DS3005) and not generated. The generator, for <c>.dsnet</c> models, and the
/// analyzer and <c>[Dsnet]</c> classes use the same test, so they agree.
/// </summary>
internal static class CellFactories
{
    private const string ReturnType = "global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>";
    private const string ParameterType = "global::Deepstruct.CellSpec";

    /// <summary>The signature the user writes, for messages.</summary>
    public const string Signature = "private partial Module<Tensor, Tensor> CreateCell(CellSpec cell)";

    /// <summary>Syntax that may implement a factory: a partial method named CreateCell with a body (cheap; for the syntax provider).</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is MethodDeclarationSyntax { Identifier.ValueText: CellDanEmitter.CellFactory } method
        && method.Modifiers.Any(SyntaxKind.PartialKeyword)
        && (method.Body is not null || method.ExpressionBody is not null);

    /// <summary>The full name (namespace.Class, no escapes) of the top-level class a candidate implements the factory of, or null.</summary>
    public static string? ImplementedFor(GeneratorSyntaxContext context, CancellationToken token) =>
        context.SemanticModel.GetDeclaredSymbol(context.Node, token) is IMethodSymbol method
        && IsImplementation(method)
        && method.ContainingType is { ContainingType: null, TypeParameters.Length: 0 } type
            ? ModelDeclarations.FullName(type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null, type.Name)
            : null;

    /// <summary>Whether the class (as the compilation sees it, generated part or not) has the user's factory.</summary>
    public static bool HasFactory(INamedTypeSymbol type) =>
        type.GetMembers(CellDanEmitter.CellFactory).OfType<IMethodSymbol>().Any(method => IsImplementation(method.PartialImplementationPart ?? method));


    private static readonly SymbolDisplayFormat NamespaceFormat = new(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    private static bool IsImplementation(IMethodSymbol method) =>
        method is { Name: CellDanEmitter.CellFactory, IsStatic: false, DeclaredAccessibility: Accessibility.Private, TypeParameters.Length: 0, Parameters.Length: 1, ReturnsVoid: false }
        && method.Parameters[0].RefKind == RefKind.None
        && method.Parameters[0].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == ParameterType
        && method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == ReturnType
        && method.DeclaringSyntaxReferences.Any(reference => !DsnetClassReader.IsGenerated(reference.SyntaxTree)
            && reference.GetSyntax() is MethodDeclarationSyntax syntax && IsCandidate(syntax));
}
