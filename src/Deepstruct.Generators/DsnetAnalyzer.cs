using System;
using System.Collections.Immutable;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Generators.Diagnostics;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators;

/// <summary>
/// Reports every diagnostic of <c>.dsnet</c> files and <c>[Dsnet]</c> classes, live in the IDE and
/// at build. It is the only reporter of these diagnostics (the generator stays silent on invalid
/// models), so each appears once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DsnetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DsnetDescriptors.AnalyzerDescriptors;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(AnalyzeFile);
        context.RegisterSymbolAction(AnalyzeClass, SymbolKind.NamedType);
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var path = context.AdditionalFile.Path;
        if (!path.EndsWith(".dsnet", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        var compilation = DsnetCompiler.Compile(text.ToString());
        foreach (var diagnostic in compilation.Diagnostics)
        {
            var span = Clamp(new TextSpan(diagnostic.Span.Offset, diagnostic.Span.Length), text.Length);
            var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
            context.ReportDiagnostic(Diagnostic.Create(Descriptor(diagnostic.Id), location, diagnostic.Message));
        }
    }

    private static void AnalyzeClass(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(data => data.AttributeClass?.ToDisplayString() == DsnetClassReader.AttributeName);
        if (attribute is null)
        {
            return;
        }

        var classLocation = type.Locations.FirstOrDefault(location => location.IsInSource) ?? Location.None;
        if (DsnetClassReader.UnsupportedReason(type) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.UnsupportedClass, classLocation, type.Name, reason));
            return;
        }

        if (!DsnetClassReader.IsPartial(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.NotPartial, classLocation, type.Name));
            return;
        }

        var target = DsnetClassReader.Read(type, attribute);
        if (target.Text is null)
        {
            return;
        }

        var argument = (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
        var compilation = DsnetCompiler.CompileModel(target.Text, target.ClassName);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor(diagnostic.Id), LocateInLiteral(argument, diagnostic.Span.Offset, diagnostic.Span.Length), diagnostic.Message));
        }

        if (compilation.HasErrors || compilation.Models.Count != 1)
        {
            return;
        }

        var spec = ModelSpecBuilder.Build(compilation.Models[0], target.Namespace, target.ContainingTypes, target.HintName, fromFile: false, target.ClassName);
        foreach (var name in ModelSources.Collisions(spec, target.UserMembers))
        {
            var member = type.GetMembers()
                .Where(candidate => !candidate.IsImplicitlyDeclared)
                .FirstOrDefault(candidate => name == ".ctor"
                    ? candidate is IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0 }
                    : candidate.Name == name);
            var location = member?.Locations.FirstOrDefault(candidate => candidate.IsInSource && !DsnetClassReader.IsGenerated(candidate.SourceTree!)) ?? classLocation;
            var shown = name == ".ctor" ? "a parameterless constructor" : name;
            context.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.MemberCollision, location, type.Name, shown));
        }
    }

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

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = Math.Min(Math.Max(0, span.Start), length);
        var end = Math.Min(Math.Max(start, span.End), length);
        return TextSpan.FromBounds(start, end);
    }

    private static DiagnosticDescriptor Descriptor(string id) =>
        DsnetDescriptors.LanguageById.TryGetValue(id, out var descriptor) ? descriptor : DsnetDescriptors.Syntax;
}
