using Deepstruct.Binding;

namespace Deepstruct.Generators.Pipeline;

/// <summary>An <c>ffn</c> model: masked linear maps through the hidden layers to the output.</summary>
internal sealed record FfnSpec(ModelClass Class, EquatableArray<long> InputShape, long InputSize, int OutputSize, EquatableArray<int> Hidden, MaskedLayerOptions Options)
    : ModelSpec(Class, InputShape, InputSize)
{
    /// <inheritdoc/>
    public override ModelKind Kind => ModelKind.Ffn;
}
