using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes an <c>rnn</c> model: it has no members beyond the constructor and the facts.</summary>
internal sealed class RnnEmitter : ModelEmitter
{
    private readonly RnnSpec _spec;

    public RnnEmitter(RnnSpec spec)
        : base(spec) => _spec = spec;

    /// <inheritdoc/>
    public override string BaseClass => "global::Deepstruct.MaskedDeepRnn";

    /// <inheritdoc/>
    protected override string ConstructorArguments =>
        SpecClass + ".InputSize, " + IntArray(_spec.Hidden) + ", global::Deepstruct.RecurrentCell." + _spec.Cell + ", " + CSharpLiterals.Bool(_spec.BatchFirst)
        + (_spec.ActivationWritten ? ", global::Deepstruct.Activation." + _spec.Activation : string.Empty);

    /// <inheritdoc/>
    protected override int? OutputSize => null;

    /// <inheritdoc/>
    protected override EquatableArray<int> HiddenSizes => _spec.Hidden;
}
