using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Generators.Emit;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>The diagnostics of a <c>.dsnet</c> file, located in it; shared by the analyzer and the generator.</summary>
internal static class DsnetFileDiagnostics
{
    public static List<DsnetFinding> Find(string path, SourceText text, DsnetCompilation compilation)
    {
        var findings = new List<DsnetFinding>(compilation.Diagnostics.Count);
        foreach (var diagnostic in compilation.Diagnostics)
        {
            var span = Clamp(new TextSpan(diagnostic.Span.Offset, diagnostic.Span.Length), text.Length);
            var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
            findings.Add(new DsnetFinding(DsnetDescriptors.ForLanguage(diagnostic.Id), location, diagnostic.Message));
        }

        foreach (var model in compilation.Models)
        {
            if (IsNamedLikeAMember(model))
            {
                var span = Clamp(new TextSpan(model.NameSpan.Offset, model.NameSpan.Length), text.Length);
                findings.Add(new DsnetFinding(DsnetDescriptors.MemberCollision, Location.Create(path, span, text.Lines.GetLinePositionSpan(span)), MemberCollisionMessages.ModelName(model.Name)));
            }
        }

        return findings;
    }

    /// <summary>DS3005 for a <c>cell_dan</c> model of the file whose class has no <c>CreateCell</c>, at the model's name.</summary>
    public static DsnetFinding MissingCellFactory(string path, SourceText text, BoundModel model, string fullName)
    {
        var span = Clamp(new TextSpan(model.NameSpan.Offset, model.NameSpan.Length), text.Length);
        return new DsnetFinding(DsnetDescriptors.MissingCellFactory, Location.Create(path, span, text.Lines.GetLinePositionSpan(span)), model.Name, fullName);
    }

    /// <summary>The file's models that get a class (the others have a finding of their own).</summary>
    public static IEnumerable<BoundModel> GeneratedModels(DsnetCompilation compilation) => compilation.Models.Where(model => !IsNamedLikeAMember(model));

    /// <summary>Whether the file has findings beyond the front end's diagnostics, so the generator knows when to look.</summary>
    public static bool HasModelFindings(DsnetCompilation compilation) => compilation.Models.Any(IsNamedLikeAMember);

    private static bool IsNamedLikeAMember(BoundModel model) =>
        MemberNameShapes.MayBeNamedLikeAMember(model.Name)
        && ModelEmitter.For(ModelSpecBuilder.Build(model, null, EquatableArray<string>.Empty, string.Empty, fromFile: true, string.Empty)).ClassIsNamedLikeAMember;

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = Math.Min(Math.Max(0, span.Start), length);
        var end = Math.Min(Math.Max(start, span.End), length);
        return TextSpan.FromBounds(start, end);
    }
}
