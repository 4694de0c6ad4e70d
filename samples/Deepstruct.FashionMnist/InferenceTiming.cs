namespace Deepstruct.FashionMnistSample;

/// <summary>
/// Inference times of one neuron-pruned network, in milliseconds per 10,000 test images (the median
/// of several passes over the test set, scaled to 10,000 images): the dense network it was pruned
/// from, the pruned network before compaction (masked, still dense in size) and the compacted one.
/// </summary>
/// <param name="Level">The weight level aimed at.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Weights">The compacted network's weights.</param>
/// <param name="Hidden">The compacted network's hidden layer sizes.</param>
/// <param name="DenseMs">The dense network's time.</param>
/// <param name="MaskedMs">The pruned, uncompacted network's time.</param>
/// <param name="CompactedMs">The compacted network's time.</param>
public sealed record InferenceTiming(double Level, int Seed, long Weights, IReadOnlyList<int> Hidden, double DenseMs, double MaskedMs, double CompactedMs);
