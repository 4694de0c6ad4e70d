using Deepstruct;

namespace Deepstruct.Generators.Pipeline;

/// <summary>The options of a model of masked linear maps (<c>ffn</c>, <c>dan</c>).</summary>
internal sealed record MaskedLayerOptions(Activation Activation, bool LayerNorm, bool Bias);
