using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes an <c>rnn</c> model: it has no members beyond the constructor and the facts.</summary>
internal sealed class RnnEmitter(RnnSpec spec) : ModelEmitter<RnnSpec>(spec)
{
    /// <inheritdoc/>
    public override string BaseClass => "global::Deepstruct.MaskedDeepRnn";

    /// <inheritdoc/>
    protected override string ConstructorArguments =>
        SpecClass + ".InputSize, " + IntArray(Model.Hidden) + ", global::Deepstruct.RecurrentCell." + Model.Cell + ", " + CSharpLiterals.Bool(Model.BatchFirst)
        + (Model.ActivationWritten ? ", global::Deepstruct.Activation." + Model.Activation : string.Empty);

    /// <inheritdoc/>
    protected override int? OutputSize => null;

    /// <inheritdoc/>
    protected override EquatableArray<int> HiddenSizes => Model.Hidden;
}
