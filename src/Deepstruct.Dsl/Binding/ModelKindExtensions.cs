namespace Deepstruct.Binding;

/// <summary>The language's spelling of a <see cref="ModelKind"/>, for tools that write it back out (generated documentation, messages).</summary>
public static class ModelKindExtensions
{
    /// <summary>The kind as a <c>.dsnet</c> model declaration writes it (<see cref="ModelKind.CellDan"/> is <c>cell_dan</c>).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="kind"/> is not a kind of the language.</exception>
    public static string Keyword(this ModelKind kind) => ModelKindTable.SpellingOf(ModelKindTable.Kinds, kind, nameof(kind));
}
