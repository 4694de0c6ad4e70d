using System;
using System.Linq;
using Deepstruct.Generators.Diagnostics;
using Deepstruct.Generators.Emit;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators;

/// <summary>
/// Turns every model of the project's <c>.dsnet</c> files and every <c>[Dsnet("...")]</c> partial
/// class into a typed TorchSharp module. Invalid models produce no code. Their diagnostics come from
/// here in command-line builds and from <see cref="DsnetAnalyzer"/> in the IDE, each once (see
/// <see cref="DiagnosticsReporter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DsnetGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for caching tests.</summary>
    public static class Steps
    {
        /// <summary>The project's root namespace.</summary>
        public const string RootNamespace = "RootNamespace";

        /// <summary>Whether the generator reports the DS diagnostics (command-line builds).</summary>
        public const string Reporter = "DiagnosticsReporter";

        /// <summary>The text of each .dsnet file.</summary>
        public const string FileTexts = "DsnetFileTexts";

        /// <summary>The models compiled from each .dsnet file.</summary>
        public const string FileModels = "DsnetFileModels";

        /// <summary>What each [Dsnet] class contributes.</summary>
        public const string ClassTargets = "DsnetClassTargets";

        /// <summary>The model compiled from each [Dsnet] class.</summary>
        public const string ClassModels = "DsnetClassModels";

        /// <summary>The classes that have the user's CreateCell (for cell_dan models of .dsnet files).</summary>
        public const string CellFactories = "CellFactories";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) ? value : null)
            .WithTrackingName(Steps.RootNamespace);

        var generatorReports = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => DiagnosticsReporter.IsGenerator(options.GlobalOptions))
            .WithTrackingName(Steps.Reporter);

        var fileModels = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".dsnet", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => new DsnetFileText(file.Path, file.GetText(token)?.ToString()))
            .WithTrackingName(Steps.FileTexts)
            .Combine(rootNamespace)
            .Select(static (pair, _) => ModelSources.FromFile(pair.Left, pair.Right))
            .WithTrackingName(Steps.FileModels);

        var classModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DsnetClassReader.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, token) => ReadClass((INamedTypeSymbol)syntax.TargetSymbol, syntax.Attributes[0], token))
            .WithTrackingName(Steps.ClassTargets)
            .Select(static (target, _) => ModelSources.FromClass(target))
            .WithTrackingName(Steps.ClassModels);

        // A .dsnet cell_dan model is generated only when the user wrote its CreateCell (else CS8795 in
        // generated code); [Dsnet] classes see their own members and decide in ReadClass.
        var cellFactories = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => CellFactories.IsCandidate(node), static (syntax, token) => CellFactories.ImplementedFor(syntax, token))
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => new EquatableArray<string>(names.Select(name => name!).Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal)))
            .WithTrackingName(Steps.CellFactories);

        context.RegisterSourceOutput(fileModels.Combine(cellFactories).Combine(generatorReports), static (output, pair) => Write(output, pair.Left.Left, pair.Right, pair.Left.Right));
        context.RegisterSourceOutput(classModels.Combine(generatorReports), static (output, pair) => Write(output, pair.Left, pair.Right, EquatableArray<string>.Empty));
    }

    private static DsnetClassTarget ReadClass(INamedTypeSymbol type, AttributeData attribute, System.Threading.CancellationToken token)
    {
        var target = DsnetClassReader.Read(type, attribute);
        try
        {
            var findings = DsnetClassDiagnostics.Find(type, attribute, target, token, out var spec);
            return target with { Diagnostics = new EquatableArray<DiagnosticInfo>(findings.Select(DiagnosticInfo.From)), Spec = spec };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last resort: an exception leaving a generator disables it for the whole project (CS8785).
            return target with { Failure = exception.GetType().Name + ": " + exception.Message };
        }
    }

    private static void Write(SourceProductionContext output, GeneratedModels models, bool reportDiagnostics, EquatableArray<string> cellFactories)
    {
        if (reportDiagnostics)
        {
            foreach (var diagnostic in models.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        if (models.Failure is not null)
        {
            output.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.InternalError, Location.None, models.Origin, models.Failure));
        }

        foreach (var spec in models.Models)
        {
            if (spec.MissingCellFactory is { } missing && !cellFactories.Contains(spec.FullName))
            {
                if (reportDiagnostics)
                {
                    output.ReportDiagnostic(missing.ToDiagnostic());
                }

                continue;
            }

            string text;
            try
            {
                text = ModelEmitter.Emit(spec);
            }
            catch (Exception exception)
            {
                output.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.InternalError, Location.None, models.Origin, exception.Message));
                continue;
            }

            output.AddSource(spec.HintName, SourceText.From(text, System.Text.Encoding.UTF8));
        }
    }
}
