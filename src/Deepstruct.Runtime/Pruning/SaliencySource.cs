using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Where pruning takes each weight's saliency from: the lower, the sooner it is masked.
/// </summary>
/// <remarks>
/// Sources compute a tensor per layer of the layer's weight shape; only the entries of weights still
/// unmasked are read. <see cref="Pruning.SetSaliency"/> stores a source's values in the layers
/// (deepstruct's <c>set_random_saliency</c> and friends); pruning with no source reads the stored
/// ones, which are |w| unless set.
/// </remarks>
public abstract class SaliencySource
{
    /// <summary>Each layer's <see cref="IMaskedWeight.Saliency"/>: |w| unless one was set (the default of pruning).</summary>
    public static SaliencySource Stored { get; } = new StoredSaliency();

    /// <summary>|w|, whatever saliency a layer stores.</summary>
    public static SaliencySource Magnitude { get; } = new MagnitudeSaliency();

    /// <summary>|w| divided by the standard deviation of its layer's unmasked weights (Han et al. 2015; deepstruct's distributed saliency).</summary>
    public static SaliencySource Distributed { get; } = new DistributedSaliency();

    /// <summary>Uniform random saliencies in [0, 1) from <see cref="Structures.DeterministicRandom"/>: a seed gives the same values everywhere.</summary>
    public static SaliencySource Random(long seed) => new RandomSaliency(seed);

    /// <summary>Saliencies given by the caller, one tensor per layer pruned (in layer order), each of its layer's weight shape.</summary>
    public static SaliencySource PerLayer(IReadOnlyList<Tensor> saliencies) => new GivenSaliency(saliencies);

    /// <summary>
    /// Computes one saliency tensor per layer, of that layer's weight shape. The caller owns and
    /// disposes the tensors.
    /// </summary>
    /// <exception cref="ArgumentException">The source cannot give saliencies for these layers.</exception>
    public abstract Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers);
}
