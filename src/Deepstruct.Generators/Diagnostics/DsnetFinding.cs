using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>
/// A diagnostic before it is reported: the analyzer reports it as is, the generator keeps it as a
/// <see cref="DiagnosticInfo"/> (no Location or symbol may live in its pipeline).
/// </summary>
internal readonly record struct DsnetFinding(DiagnosticDescriptor Descriptor, Location Location, params string[] Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments);
}
