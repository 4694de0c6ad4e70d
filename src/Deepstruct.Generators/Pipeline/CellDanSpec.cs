using Deepstruct.Binding;
using Deepstruct.Generators.Diagnostics;

namespace Deepstruct.Generators.Pipeline;

/// <summary>A <c>cell_dan</c> model: a structure whose vertices are cells the user's <c>CreateCell</c> builds.</summary>
internal sealed record CellDanSpec(ModelClass Class, EquatableArray<long> InputShape, long InputSize, int OutputSize, StructureSpec Structure)
    : ModelSpec(Class, InputShape, InputSize)
{
    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.CellDan;

    /// <summary>
    /// For a model of a <c>.dsnet</c> file: DS3005 at its name, reported instead of the class when
    /// the compilation has no <c>CreateCell</c> for it (known only at output).
    /// </summary>
    public DiagnosticInfo? MissingCellFactory { get; init; }

    /// <summary>The class's full name without escapes (namespace.Class), as <see cref="CellFactories"/> names it.</summary>
    public string FullName => Class.ContainingTypes.Count == 0 ? ModelDeclarations.FullName(Class.Namespace, Class.ClassName) : string.Empty;
}
