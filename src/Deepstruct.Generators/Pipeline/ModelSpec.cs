namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Everything the emitter needs for one model, as plain value-equal data (no symbols, syntax or
/// compilations), so an unrelated edit leaves it equal and its output cached.
/// </summary>
internal sealed record ModelSpec(
    string HintName,
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    bool FromFile,
    string Origin,
    string Source,
    string Kind,
    EquatableArray<long> InputShape,
    long InputSize,
    int OutputSize,
    EquatableArray<int> Hidden,
    string Activation,
    bool ActivationWritten,
    bool LayerNorm,
    bool Bias,
    string Cell,
    bool BatchFirst,
    string? Blob,
    int BlobLength,
    int VertexCount,
    int EdgeCount,
    EquatableArray<int> LayerSizes,
    int MainCount,
    long OmittedMapCount,
    EquatableArray<SkipMember> Skips,
    EquatableArray<NamedConstant> Vertices)
{
    /// <summary>
    /// For a <c>cell_dan</c> model of a <c>.dsnet</c> file: DS3005 at its name, reported instead of
    /// the class when the compilation has no <c>CreateCell</c> for it (known only at output).
    /// </summary>
    public Diagnostics.DiagnosticInfo? MissingCellFactory { get; init; }

    /// <summary>The class's full name without escapes (namespace.Class), as <see cref="CellFactories"/> names it.</summary>
    public string FullName => ContainingTypes.Count == 0 ? CellFactories.FullName(Namespace, ClassName) : string.Empty;
}
