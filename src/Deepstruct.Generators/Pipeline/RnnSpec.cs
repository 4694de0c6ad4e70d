using Deepstruct;
using Deepstruct.Binding;

namespace Deepstruct.Generators.Pipeline;

/// <summary>An <c>rnn</c> model: masked recurrent layers of the hidden sizes.</summary>
/// <param name="Class">The class the model becomes.</param>
/// <param name="InputShape">The shape of one step's input.</param>
/// <param name="InputSize">Features per step.</param>
/// <param name="Hidden">The hidden size of each layer.</param>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="BatchFirst">Whether input is batch-first.</param>
/// <param name="Activation">The activation, passed to the runtime only when <paramref name="ActivationWritten"/>.</param>
/// <param name="ActivationWritten">Whether the model wrote its activation (see <see cref="ModelSpecBuilder"/>).</param>
internal sealed record RnnSpec(ModelClass Class, EquatableArray<long> InputShape, long InputSize, EquatableArray<int> Hidden, RecurrentCell Cell, bool BatchFirst, Activation Activation, bool ActivationWritten)
    : ModelSpec(Class, InputShape, InputSize)
{
    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.Rnn;
}
