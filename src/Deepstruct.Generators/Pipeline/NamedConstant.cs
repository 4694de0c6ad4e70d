namespace Deepstruct.Generators.Pipeline;

/// <summary>A constant of the generated <c>Vertices</c> class: a vertex name, or a block's start or length.</summary>
internal readonly record struct NamedConstant(string Name, int Value, string Description);
