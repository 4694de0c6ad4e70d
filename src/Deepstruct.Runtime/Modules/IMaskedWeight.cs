using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A weight whose entries are switched on or off by a boolean mask, with a saliency per entry:
/// what pruning, extraction and growing work on. <see cref="MaskedLinear"/> is one; so are the
/// input-to-hidden and hidden-to-hidden weights of the masked recurrent layers.
/// </summary>
/// <remarks>
/// The tensors a module holds are replaced by <c>to()</c> and <c>load()</c>: read
/// <see cref="Weight"/> and <see cref="Mask"/> when needed, never keep them. A weight may be a whole
/// parameter (<see cref="MaskedLinear"/>) or a view into a larger one (the maps of a <see cref="MaskedDeepDan"/>
/// as its <see cref="MaskableModule.MaskableLayers"/> gives them: <see cref="MaskedMapView"/>s of the fused
/// weight, or each map's edges); either way edits made through <see cref="Weight"/> and <see cref="Mask"/>
/// reach the module. The one exception is a <see cref="MaskedMapView"/> of a DAN that stores its maps per
/// edge, whose dense weight is a copy (its <see cref="Mask"/> setter still writes the network).
/// </remarks>
public interface IMaskedWeight
{
    /// <summary>
    /// The stored weight: the module's parameter itself, or a view sharing its storage (so in-place
    /// edits under <c>torch.no_grad()</c> write through). Entries whose mask is false take no part in the computation.
    /// </summary>
    Tensor Weight { get; }

    /// <summary>
    /// The mask: a boolean tensor of the weight's shape, true where a weight is present. The getter
    /// returns the module's buffer itself (or a view of it); the setter copies the given values into it.
    /// </summary>
    /// <exception cref="System.ArgumentException">Set to a tensor of another shape or a dtype other than bool.</exception>
    Tensor Mask { get; set; }

    /// <summary>
    /// How much each weight matters, of the weight's shape: |weight| unless set. The getter returns a
    /// new tensor that the caller owns; setting <see langword="null"/> returns to |weight|.
    /// </summary>
    /// <exception cref="System.ArgumentException">Set to a tensor of another shape.</exception>
    Tensor? Saliency { get; set; }

    /// <summary>
    /// The number of unmasked weights: entries whose mask is true (deepstruct's <c>get_weight_count</c>,
    /// <c>mask.sum()</c>). <see cref="Capacity"/> counts every entry.
    /// </summary>
    long WeightCount { get; }

    /// <summary>The number of entries of the weight, masked or not: the most <see cref="WeightCount"/> can be.</summary>
    long Capacity => Weight.NumberOfElements;

    /// <summary>Sets the stored weights at masked positions to exactly zero.</summary>
    void ApplyMask();

    /// <summary>Masks exactly the weights with |w| &lt; <paramref name="theta"/> (and unmasks the others).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    void RecomputeMask(double theta = 0.001);
}
