using System.Globalization;

namespace Deepstruct.Diagnostics;

/// <summary>
/// One finding about a <c>.dsnet</c> text: plain, equatable data so that it can travel through an
/// incremental generator pipeline and be compared between runs.
/// </summary>
/// <param name="Id">The identifier, such as <c>DS2001</c> (see <see cref="DiagnosticIds"/>).</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What was found and what was expected.</param>
/// <param name="Span">Where, relative to the start of the compiled text.</param>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Span)
{
    /// <summary>Whether this diagnostic is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The conventional compiler form: <c>(line,column): error DS2001: message</c>.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "({0},{1}): {2} {3}: {4}",
        Span.Line,
        Span.Column,
        Severity == DiagnosticSeverity.Error ? "error" : "warning",
        Id,
        Message);
}
