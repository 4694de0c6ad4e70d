using System;
using System.Collections.Generic;
using Deepstruct.Binding;
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

        return findings;
    }

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = Math.Min(Math.Max(0, span.Start), length);
        var end = Math.Min(Math.Max(start, span.End), length);
        return TextSpan.FromBounds(start, end);
    }
}
