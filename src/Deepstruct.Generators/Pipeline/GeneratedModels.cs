using Deepstruct.Generators.Diagnostics;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// The models one input produced, its diagnostics (reported by the generator in command-line
/// builds, see <see cref="DiagnosticsReporter"/>), and the reason it produced nothing when the
/// generator itself failed (reported as DS0001).
/// </summary>
internal sealed record GeneratedModels(string Origin, EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Diagnostics, string? Failure)
{
    public static GeneratedModels None(string origin, EquatableArray<DiagnosticInfo> diagnostics) => new(origin, EquatableArray<ModelSpec>.Empty, diagnostics, null);

    public static GeneratedModels Failed(string origin, System.Exception exception) =>
        new(origin, EquatableArray<ModelSpec>.Empty, EquatableArray<DiagnosticInfo>.Empty, exception.GetType().Name + ": " + exception.Message);
}
