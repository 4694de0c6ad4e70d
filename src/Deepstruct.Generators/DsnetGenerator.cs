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

        /// <summary>The declarations that share a full name with another (DS2004).</summary>
        public const string Duplicates = "DsnetDuplicateModels";

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
            .Select(static (pair, token) => ModelSources.FromFile(pair.Left, pair.Right, token))
            .WithTrackingName(Steps.FileModels);

        // Every type declaration, not only classes: a record, struct or interface with [Dsnet] gets
        // DS3003 from here in command-line builds, where the analyzer is silent.
        var classModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DsnetClassReader.AttributeName,
                static (node, _) => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax,
                static (syntax, token) => ReadClass(syntax, token))
            .Where(static target => target is not null)
            .WithTrackingName(Steps.ClassTargets)
            .Select(static (target, _) => ModelSources.FromClass(target!))
            .WithTrackingName(Steps.ClassModels);

        // A full name declared twice must be known to both declarations' outputs: the declarations
        // (small, value-equal) are gathered, and each output leaves out its duplicates.
        var duplicates = fileModels.Select(static (models, _) => models.Declarations).Collect()
            .Combine(classModels.Select(static (models, _) => models.Declarations).Collect())
            .Select(static (pair, _) => DuplicateModels.Find(pair.Left.Concat(pair.Right).SelectMany(static declarations => declarations)))
            .WithTrackingName(Steps.Duplicates);

        // A .dsnet cell_dan model is generated only when the user wrote its CreateCell (else CS8795 in
        // generated code); [Dsnet] classes see their own members and decide in ReadClass.
        var cellFactories = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => CellFactories.IsCandidate(node), static (syntax, token) => CellFactories.ImplementedFor(syntax, token))
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => new EquatableArray<string>(names.Select(name => name!).Distinct(StringComparer.Ordinal).OrderBy(name => name, StringComparer.Ordinal)))
            .WithTrackingName(Steps.CellFactories);

        context.RegisterSourceOutput(
            fileModels.Combine(duplicates).Combine(cellFactories).Combine(generatorReports),
            static (output, pair) => Write(output, pair.Left.Left.Left, pair.Left.Left.Right, pair.Right, pair.Left.Right));
        context.RegisterSourceOutput(
            classModels.Combine(duplicates).Combine(generatorReports),
            static (output, pair) => Write(output, pair.Left.Left, pair.Left.Right, pair.Right, EquatableArray<string>.Empty));
    }

    /// <summary>
    /// What one declaration with <c>[Dsnet]</c> contributes. A class has one model: the declaration
    /// that carries its first <c>[Dsnet]</c> reads it, every further attribute only gets DS3004.
    /// </summary>
    private static DsnetClassTarget? ReadClass(GeneratorAttributeSyntaxContext syntax, System.Threading.CancellationToken token)
    {
        // The attribute's symbol is the one the provider matched by name: no lookup, and symbols compared.
        if (syntax.TargetSymbol is not INamedTypeSymbol type || syntax.Attributes.FirstOrDefault()?.AttributeClass is not { } attributeType)
        {
            return null;
        }

        try
        {
            var attributes = DsnetClassReader.DsnetAttributes(type, attributeType, syntax.SemanticModel.Compilation);
            if (attributes.Count == 0)
            {
                return null;
            }

            var first = attributes[0];
            var findings = syntax.Attributes
                .Where(attribute => !DsnetClassReader.SameApplication(attribute, first))
                .Select(attribute => DsnetClassDiagnostics.SecondAttribute(type, attribute, first, token))
                .ToList();
            var target = DsnetClassReader.Read(type, first);
            if (!syntax.Attributes.Any(attribute => DsnetClassReader.SameApplication(attribute, first)))
            {
                return target with { Diagnostics = new EquatableArray<DiagnosticInfo>(findings.Select(DiagnosticInfo.From)) };
            }

            findings.AddRange(DsnetClassDiagnostics.Find(type, first, target, token, out var spec));
            return target with
            {
                Diagnostics = new EquatableArray<DiagnosticInfo>(findings.Select(DiagnosticInfo.From)),
                Spec = spec,
                Declaration = DsnetClassReader.Declaration(type, first, token),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last resort: an exception leaving a generator disables it for the whole project (CS8785).
            return new DsnetClassTarget(string.Empty, null, EquatableArray<string>.Empty, type.Name, null, EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty)
            {
                Failure = exception.GetType().Name + ": " + exception.Message,
            };
        }
    }

    private static void Write(SourceProductionContext output, GeneratedModels models, DuplicateModels duplicates, bool reportDiagnostics, EquatableArray<string> cellFactories)
    {
        if (reportDiagnostics)
        {
            foreach (var diagnostic in models.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        // Neither of two declarations of one full name is generated (CS0101 otherwise): DS2004 at each.
        var duplicated = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in models.Declarations)
        {
            var others = duplicates.OthersOf(declaration);
            if (others.Count == 0)
            {
                continue;
            }

            duplicated.Add(declaration.Name);
            if (reportDiagnostics)
            {
                output.ReportDiagnostic(DuplicateModels.Finding(declaration, declaration.Location, others).ToDiagnostic());
            }
        }

        if (models.Failure is not null)
        {
            output.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.InternalError, Location.None, models.Origin, models.Failure));
        }

        foreach (var spec in models.Models)
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            if (spec is CellDanSpec { MissingCellFactory: { } missing } cellDan && !cellFactories.Contains(cellDan.FullName))
            {
                if (reportDiagnostics)
                {
                    output.ReportDiagnostic(missing.ToDiagnostic());
                }

                continue;
            }

            if (duplicated.Contains(spec.Class.ClassName))
            {
                continue;
            }

            try
            {
                // Hint names are unique by construction (HintNames); the catch is the last resort.
                output.AddSource(spec.Class.HintName, SourceText.From(ModelEmitter.For(spec).Emit(), System.Text.Encoding.UTF8));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(DsnetDescriptors.InternalError, Location.None, models.Origin, exception.Message));
            }
        }
    }
}
