namespace Deepstruct;

/// <summary>
/// The options of a <c>dan</c> model, shared by the runtime's <c>MaskedDeepDan</c> constructors and the
/// settings of a <c>.dsnet</c> <c>dan</c> model (<c>layer_norm</c>, <c>activation</c>, <c>bias</c>). Immutable:
/// derive variants with <c>with</c>, e.g. <c>DanOptions.Default with { LayerNorm = true }</c>.
/// </summary>
public sealed record DanOptions
{
    /// <summary>
    /// The density at or below which <see cref="DanRepresentation.Auto"/> chooses
    /// <see cref="DanRepresentation.Edges"/>: the structure's edges divided by the entries of the dense
    /// fused maps (the sum over source layers <c>j</c> of <c>|layer j|</c> × the rows of the maps leaving
    /// it). 1.5 % is where an edge kernel and a dense masked product cost the same per source-layer group
    /// (measured; see <c>docs/design/edge-dan.md</c>).
    /// </summary>
    public const double AutoEdgeDensity = 0.015;

    /// <summary>The defaults: ReLU, biases, no layer norm, <see cref="DanRepresentation.Auto"/>.</summary>
    public static DanOptions Default { get; } = new();

    /// <summary>Whether each layer of more than one vertex normalizes its main path before the activation (<c>layer_norm</c>; default off).</summary>
    public bool LayerNorm { get; init; }

    /// <summary>The nonlinearity of the hidden layers (<c>activation</c>; default ReLU).</summary>
    public Activation Activation { get; init; } = Activation.ReLU;

    /// <summary>Whether the maps have biases (<c>bias</c>; default on).</summary>
    public bool Bias { get; init; } = true;

    /// <summary>How the main and skip maps are stored (default <see cref="DanRepresentation.Auto"/>); the function is the same under each.</summary>
    public DanRepresentation Representation { get; init; } = DanRepresentation.Auto;
}
