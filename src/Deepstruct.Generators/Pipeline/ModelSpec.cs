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
    EquatableArray<NamedConstant> Vertices);
