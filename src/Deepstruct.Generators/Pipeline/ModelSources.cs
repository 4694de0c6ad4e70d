using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Compiles a <c>.dsnet</c> file or a <c>[Dsnet]</c> string into the specs of its valid models and
/// its diagnostics. Models with errors produce no code.
/// </summary>
internal static class ModelSources
{
    public static GeneratedModels FromFile(DsnetFileText file, string? rootNamespace)
    {
        try
        {
            if (file.Text is null)
            {
                return GeneratedModels.None(file.Path, EquatableArray<DiagnosticInfo>.Empty);
            }

            var compilation = DsnetCompiler.Compile(file.Text);
            var text = SourceText.From(file.Text);
            var diagnostics = compilation.Diagnostics.Count == 0 && !DsnetFileDiagnostics.HasModelFindings(compilation)
                ? EquatableArray<DiagnosticInfo>.Empty
                : new EquatableArray<DiagnosticInfo>(DsnetFileDiagnostics.Find(file.Path, text, compilation).Select(DiagnosticInfo.From));
            var @namespace = ModelDeclarations.NamespaceOf(compilation, rootNamespace);
            var declarations = new EquatableArray<ModelDeclaration>(ModelDeclarations.OfFile(file.Path, text, compilation, rootNamespace));
            var origin = Path.GetFileName(file.Path);
            var models = compilation.Models
                .Select(model => (Model: model, Spec: ModelSpecBuilder.Build(model, @namespace, EquatableArray<string>.Empty, HintNames.ForFileModel(file.Path, model.Name), fromFile: true, origin)))
                .Where(pair => !GeneratedMembers.IsNamedLikeAMember(pair.Spec))   // DS3002
                .Select(pair => pair.Spec.Kind != ModelKinds.CellDan ? pair.Spec : pair.Spec with
                {
                    MissingCellFactory = DiagnosticInfo.From(DsnetFileDiagnostics.MissingCellFactory(file.Path, text, pair.Model, pair.Spec.FullName)),
                })
                .ToArray();
            return new GeneratedModels(file.Path, new EquatableArray<ModelSpec>(models), diagnostics, null) { Declarations = declarations };
        }
        catch (Exception exception)
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

    /// <summary>Members the user wrote that the generated class would declare too (DS3002).</summary>
    public static IEnumerable<string> Collisions(ModelSpec spec, IEnumerable<string> userMembers)
    {
        var generated = new HashSet<string>(GeneratedMembers.Names(spec), StringComparer.Ordinal) { ".ctor" };
        return userMembers.Where(generated.Contains);
    }
}
