using System.Collections.Immutable;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Generators.Diagnostics;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Deepstruct.Generators;

/// <summary>
/// Reports every diagnostic of <c>.dsnet</c> files and <c>[Dsnet]</c> classes live in the IDE. In
/// command-line builds the generator reports them instead (see <see cref="DiagnosticsReporter"/>),
/// so each appears once either way.
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
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        if (DiagnosticsReporter.IsGenerator(options))
        {
            return;
        }

        // Duplicate model names (DS2004) need every file's declarations, so the files are compiled once per compilation.
        var files = new DsnetFileIndex(context.Options.AdditionalFiles, options.TryGetValue("build_property.RootNamespace", out var root) ? root : null);
        var attributeType = DsnetClassReader.AttributeType(context.Compilation);
        context.RegisterAdditionalFileAction(file => AnalyzeFile(file, files, attributeType));
        if (attributeType is not null)
        {
            context.RegisterSymbolAction(symbol => AnalyzeClass(symbol, files, attributeType), SymbolKind.NamedType);
        }
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context, DsnetFileIndex files, INamedTypeSymbol? attributeType)
    {
        var path = context.AdditionalFile.Path;
        if (!DsnetFileIndex.IsDsnet(context.AdditionalFile) || files.Get(context.AdditionalFile, context.CancellationToken) is not { } entry)
        {
            return;
        }

        foreach (var finding in DsnetFileDiagnostics.Find(path, entry.Text, entry.Compilation))
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }

        foreach (var declaration in entry.Declarations)
        {
            var others = files.Named(declaration.FullName, context.CancellationToken).Where(other => other != declaration).ToList();
            if (attributeType is not null
                && context.Compilation.Assembly.GetTypeByMetadataName(declaration.FullName) is { } type
                && DsnetClassReader.DsnetAttributes(type, attributeType, context.Compilation).FirstOrDefault() is { } attribute
                && DsnetClassReader.Declaration(type, attribute, context.CancellationToken) is { } declared)
            {
                others.Add(declared);
            }

            if (others.Count > 0)
            {
                context.ReportDiagnostic(DuplicateModels.Finding(declaration, declaration.Location, others).ToDiagnostic());
            }
        }

        // The same test the generator makes before it generates a cell_dan model's class.
        var @namespace = entry.Compilation.Namespace
            ?? (context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root : null);
        foreach (var model in DsnetFileDiagnostics.GeneratedModels(entry.Compilation).Where(model => model.Kind == ModelKind.CellDan))
        {
            var fullName = ModelDeclarations.FullName(@namespace, model.Name);
            if (context.Compilation.GetTypeByMetadataName(fullName) is not { } type || !CellFactories.HasFactory(type))
            {
                context.ReportDiagnostic(DsnetFileDiagnostics.MissingCellFactory(path, entry.Text, model, fullName).ToDiagnostic());
            }
        }
    }

    private static void AnalyzeClass(SymbolAnalysisContext context, DsnetFileIndex files, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = DsnetClassReader.DsnetAttributes(type, attributeType, context.Compilation);
        if (attributes.Count == 0)
        {
            return;
        }

        var first = attributes[0];
        foreach (var extra in attributes.Skip(1))
        {
            context.ReportDiagnostic(DsnetClassDiagnostics.SecondAttribute(type, extra, first, context.CancellationToken).ToDiagnostic());
        }

        var target = DsnetClassReader.Read(type, first);
        foreach (var finding in DsnetClassDiagnostics.Find(type, first, target, context.CancellationToken, out _))
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }

        if (DsnetClassReader.Declaration(type, first, context.CancellationToken) is { } declaration)
        {
            var others = files.Named(declaration.FullName, context.CancellationToken).ToList();
            if (others.Count > 0)
            {
                var location = DsnetClassReader.DeclarationLocation(type, first, context.CancellationToken);
                context.ReportDiagnostic(DuplicateModels.Finding(declaration, location, others).ToDiagnostic());
            }
        }
    }
}
