using Deepstruct.Generators.Diagnostics;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// The models one input produced, its diagnostics (reported by the generator in command-line
/// builds, see <see cref="DiagnosticsReporter"/>), and the reason it produced nothing when the
/// generator itself failed (reported as DS0001).
/// </summary>
internal sealed record GeneratedModels(string Origin, EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Diagnostics, string? Failure)
{
    /// <summary>The models the input declares, valid or not, for duplicate full names (DS2004).</summary>
    public EquatableArray<ModelDeclaration> Declarations { get; init; } = EquatableArray<ModelDeclaration>.Empty;

    public static GeneratedModels None(string origin, EquatableArray<DiagnosticInfo> diagnostics) => new(origin, EquatableArray<ModelSpec>.Empty, diagnostics, null);

    public static GeneratedModels Failed(string origin, System.Exception exception) =>
        new(origin, EquatableArray<ModelSpec>.Empty, EquatableArray<DiagnosticInfo>.Empty, exception.GetType().Name + ": " + exception.Message);
}
