using System;
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
        context.RegisterAdditionalFileAction(AnalyzeFile);
        context.RegisterSymbolAction(AnalyzeClass, SymbolKind.NamedType);
    }

    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var path = context.AdditionalFile.Path;
        if (!path.EndsWith(".dsnet", StringComparison.OrdinalIgnoreCase)
            || DiagnosticsReporter.IsGenerator(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
        {
            return;
        }

        var text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        var compilation = DsnetCompiler.Compile(text.ToString());
        foreach (var finding in DsnetFileDiagnostics.Find(path, text, compilation))
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }

        // The same test the generator makes before it generates a cell_dan model's class.
        var @namespace = compilation.Namespace
            ?? (context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root : null);
        foreach (var model in DsnetFileDiagnostics.GeneratedModels(compilation).Where(model => model.Kind == ModelKind.CellDan))
        {
            var fullName = CellFactories.FullName(@namespace, model.Name);
            if (context.Compilation.GetTypeByMetadataName(fullName) is not { } type || !CellFactories.HasFactory(type))
            {
                context.ReportDiagnostic(DsnetFileDiagnostics.MissingCellFactory(path, text, model, fullName).ToDiagnostic());
            }
        }
    }

    private static void AnalyzeClass(SymbolAnalysisContext context)
    {
        if (DiagnosticsReporter.IsGenerator(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
        {
            return;
        }

        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(data => data.AttributeClass?.ToDisplayString() == DsnetClassReader.AttributeName);
        if (attribute is null)
        {
            return;
        }

        var target = DsnetClassReader.Read(type, attribute);
        foreach (var finding in DsnetClassDiagnostics.Find(type, attribute, target, context.CancellationToken, out _))
        {
            context.ReportDiagnostic(finding.ToDiagnostic());
        }
    }
}
