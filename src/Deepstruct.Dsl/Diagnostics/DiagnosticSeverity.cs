namespace Deepstruct.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Something is probably wrong, but the model still compiles.</summary>
    Warning,

    /// <summary>The declaration it concerns does not compile.</summary>
    Error,
}
