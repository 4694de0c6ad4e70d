namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// The models one input produced, or the reason it produced none because the generator itself
/// failed (reported as DS0001; the language's own errors are the analyzer's to report).
/// </summary>
internal sealed record GeneratedModels(string Origin, EquatableArray<ModelSpec> Models, string? Failure)
{
    public static GeneratedModels None(string origin) => new(origin, EquatableArray<ModelSpec>.Empty, null);
}
