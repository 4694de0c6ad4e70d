using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Deepstruct.Binding;
using Deepstruct.Generators.Diagnostics;
using Deepstruct.Generators.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Compiles a <c>.dsnet</c> file or a <c>[Dsnet]</c> string into the specs of its valid models and
/// its diagnostics. Models with errors produce no code.
/// </summary>
internal static class ModelSources
{
    public static GeneratedModels FromFile(DsnetFileText file, string? rootNamespace, CancellationToken token)
    {
        try
        {
            if (file.Text is null)
            {
                return GeneratedModels.None(file.Path, EquatableArray<DiagnosticInfo>.Empty);
            }

            token.ThrowIfCancellationRequested();
            var compilation = DsnetCompiler.Compile(file.Text);
            token.ThrowIfCancellationRequested();
            var text = SourceText.From(file.Text);
            var diagnostics = compilation.Diagnostics.Count == 0 && !DsnetFileDiagnostics.HasModelFindings(compilation)
                ? EquatableArray<DiagnosticInfo>.Empty
                : new EquatableArray<DiagnosticInfo>(DsnetFileDiagnostics.Find(file.Path, text, compilation).Select(DiagnosticInfo.From));
            var @namespace = ModelDeclarations.NamespaceOf(compilation, rootNamespace);
            var declarations = new EquatableArray<ModelDeclaration>(ModelDeclarations.OfFile(file.Path, text, compilation, rootNamespace));
            var origin = Path.GetFileName(file.Path);
            var models = compilation.Models
                .Select(model =>
                {
                    // A model's spec encodes its structure: a file of large models is worth stopping between them.
                    token.ThrowIfCancellationRequested();
                    return (Model: model, Spec: ModelSpecBuilder.Build(model, @namespace, EquatableArray<string>.Empty, HintNames.ForFileModel(file.Path, ModelDeclarations.FullName(@namespace, model.Name)), fromFile: true, origin));
                })
                .Where(pair => !ModelEmitter.For(pair.Spec).ClassIsNamedLikeAMember)   // DS3002
                .Select(pair => pair.Spec is not CellDanSpec cellDan ? pair.Spec : cellDan with
                {
                    MissingCellFactory = DiagnosticInfo.From(DsnetFileDiagnostics.MissingCellFactory(file.Path, text, pair.Model, cellDan.FullName)),
                })
                .ToArray();
            return new GeneratedModels(file.Path, new EquatableArray<ModelSpec>(models), diagnostics, null) { Declarations = declarations };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last resort: an exception leaving a generator disables it for the whole project (CS8785).
            return GeneratedModels.Failed(file.Path, exception);
        }
    }

    /// <summary>What a <c>[Dsnet]</c> class gives: its model was compiled once, when its diagnostics were found.</summary>
    public static GeneratedModels FromClass(DsnetClassTarget target)
    {
        var models = target.Spec is null || target.Failure is not null ? EquatableArray<ModelSpec>.Empty : new EquatableArray<ModelSpec>(new[] { target.Spec });
        var declarations = target.Declaration is null ? EquatableArray<ModelDeclaration>.Empty : new EquatableArray<ModelDeclaration>(new[] { target.Declaration });
        return new GeneratedModels(target.ClassName, models, target.Diagnostics, target.Failure) { Declarations = declarations };
    }
}
