using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Where <see cref="NeuronPruning"/> takes each hidden neuron's saliency from: the lower, the sooner
/// the neuron is pruned.
/// </summary>
public abstract class NeuronSaliency
{
    private protected NeuronSaliency()
    {
    }

    /// <summary>
    /// The norm of a neuron's unmasked weights: incoming (its row in every map into its layer),
    /// outgoing (its column in every map reading it) or both together (one norm over the union).
    /// </summary>
    /// <param name="weights">Which weights (both by default).</param>
    /// <param name="norm">L2 (default) or L1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a value of its enum.</exception>
    public static NeuronSaliency Magnitude(NeuronWeights weights = NeuronWeights.Both, NeuronNorm norm = NeuronNorm.L2)
    {
        if (!Enum.IsDefined(weights))
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights, $"weights = {weights} is not a NeuronWeights.");
        }

        if (!Enum.IsDefined(norm))
        {
            throw new ArgumentOutOfRangeException(nameof(norm), norm, $"norm = {norm} is not a NeuronNorm.");
        }

        return new MagnitudeNeuronSaliency(weights, norm);
    }

    /// <summary>
    /// First-order Taylor saliency (Molchanov et al. 2017): for each batch, the loss's first-order
    /// change if the neuron's output a were zero, |Σₙ aₙ·∂L/∂aₙ| over the batch's examples, summed over
    /// the batches. With batches of one example this is Σ over examples of |a·∂L/∂a|. One forward and
    /// one backward pass per batch; the model's gradients are cleared before each batch and after.
    /// </summary>
    /// <param name="batches">Inputs and targets, e.g. a data loader's batches.</param>
    /// <param name="loss">The loss of the model's output and the target, a scalar.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static NeuronSaliency Taylor(IEnumerable<(Tensor Input, Tensor Target)> batches, Func<Tensor, Tensor, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(loss);
        return new TaylorNeuronSaliency(batches, loss);
    }

    /// <summary>Saliencies given by the caller: one vector per layer of hidden neurons, in order, each of the layer's size.</summary>
    /// <exception cref="ArgumentException">The list or an entry is null.</exception>
    public static NeuronSaliency Given(IReadOnlyList<Tensor> saliencies) => new GivenNeuronSaliency(saliencies);

    /// <summary>
    /// One CPU floating-point vector per group of <paramref name="graph"/>, of its size; the caller disposes them.
    /// <paramref name="entries"/> are the unmasked entries of the graph's maps (without biases), read once by the caller.
    /// </summary>
    internal abstract Tensor[] Compute(nn.Module model, NeuronGraph graph, UnmaskedEntries[] entries);
}
