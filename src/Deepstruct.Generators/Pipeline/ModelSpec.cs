using Deepstruct.Binding;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Everything the emitter needs for one model, as plain value-equal data (no symbols, syntax or
/// compilations), so an unrelated edit leaves it equal and its output cached. Each kind has its own
/// record with only the facts it uses (<see cref="FfnSpec"/>, <see cref="DanSpec"/>,
/// <see cref="CellDanSpec"/>, <see cref="RnnSpec"/>).
/// </summary>
/// <param name="Class">The class the model becomes.</param>
/// <param name="InputShape">The shape of one example, as the model writes it.</param>
/// <param name="InputSize">Features per example: the product of <paramref name="InputShape"/>, as the front end computes it.</param>
internal abstract record ModelSpec(ModelClass Class, EquatableArray<long> InputShape, long InputSize)
{
    /// <summary>The kind of model, as the front end names it.</summary>
    public abstract ModelKind Kind { get; }
}
