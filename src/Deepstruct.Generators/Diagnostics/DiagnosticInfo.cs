using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>
/// A diagnostic as equatable data for the generator's pipeline: descriptor ID, message arguments and
/// the place as path, span and line span (<see cref="Path"/> null for no place).
/// </summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, string? Path, TextSpan Span, LinePositionSpan LineSpan)
{
    public static DiagnosticInfo From(DsnetFinding finding)
    {
        var location = finding.Location;
        if (location == Location.None)
        {
            return new DiagnosticInfo(finding.Descriptor.Id, new EquatableArray<string>(finding.Arguments), null, default, default);
        }

        var lines = location.GetLineSpan();
        return new DiagnosticInfo(finding.Descriptor.Id, new EquatableArray<string>(finding.Arguments), lines.Path, location.SourceSpan, lines.Span);
    }

    public Diagnostic ToDiagnostic()
    {
        var location = Path is null ? Location.None : Location.Create(Path, Span, LineSpan);
        var arguments = new object[Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(DsnetDescriptors.ById[Id], location, arguments);
    }
}
