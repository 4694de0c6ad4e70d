namespace Deepstruct.Generators.Pipeline;

/// <summary>The class a model becomes and where it comes from: the facts every kind of model shares.</summary>
/// <param name="HintName">The generated file's unique name.</param>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declaration headers of the enclosing types, outermost first.</param>
/// <param name="ClassName">The class name, which is the model's name.</param>
/// <param name="FromFile">Whether the model comes from a <c>.dsnet</c> file (the class is then all generated) rather than a <c>[Dsnet]</c> class.</param>
/// <param name="Origin">The file's name, or the class's name, for the class's documentation.</param>
/// <param name="Source">The model's source text, quoted in the class's documentation.</param>
internal sealed record ModelClass(string HintName, string? Namespace, EquatableArray<string> ContainingTypes, string ClassName, bool FromFile, string Origin, string Source);
