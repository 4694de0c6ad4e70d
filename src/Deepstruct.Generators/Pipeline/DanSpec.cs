using Deepstruct.Binding;

namespace Deepstruct.Generators.Pipeline;

/// <summary>A <c>dan</c> model: masked maps wired by a structure, with a property for each of at most <see cref="ModelSpecBuilder.MaxTypedMaps"/> maps.</summary>
/// <param name="Class">The class the model becomes.</param>
/// <param name="InputShape">The shape of one example.</param>
/// <param name="InputSize">Features per example.</param>
/// <param name="OutputSize">Outputs per example.</param>
/// <param name="Structure">The structure the model is wired by.</param>
/// <param name="Options">Activation, layer norm, bias and representation: the record the runtime takes.</param>
/// <param name="MainCount">The number of main maps that get a property (<c>Main1</c> …).</param>
/// <param name="OmittedMapCount">The number of maps when there are too many for a property each, else 0.</param>
/// <param name="Skips">The skip maps that get a property.</param>
internal sealed record DanSpec(
    ModelClass Class,
    EquatableArray<long> InputShape,
    long InputSize,
    int OutputSize,
    StructureSpec Structure,
    DanOptions Options,
    int MainCount,
    long OmittedMapCount,
    EquatableArray<SkipMember> Skips)
    : ModelSpec(Class, InputShape, InputSize)
{
    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.Dan;
}
