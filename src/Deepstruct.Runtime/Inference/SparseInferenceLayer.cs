namespace Deepstruct.Inference;

/// <summary>How one masked layer of a <see cref="SparseInferenceModel"/> is computed.</summary>
/// <param name="Path">The layer's path in the prepared model (<c>layers.0</c>, or empty for the model itself).</param>
/// <param name="InFeatures">The layer's input width.</param>
/// <param name="OutFeatures">The layer's output width.</param>
/// <param name="WeightCount">Its unmasked weights, the ones a sparse layer computes.</param>
/// <param name="IsSparse">Whether it is computed sparsely (CSR) rather than as a dense <c>linear</c>.</param>
public sealed record SparseInferenceLayer(string Path, long InFeatures, long OutFeatures, long WeightCount, bool IsSparse)
{
    /// <summary>Unmasked weights as a fraction of all, 0 to 1.</summary>
    public double Density => (double)WeightCount / (InFeatures * OutFeatures);

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Path.Length == 0 ? "(model)" : Path)}: {InFeatures}→{OutFeatures}, {WeightCount} weights ({Density:P1}), {(IsSparse ? "sparse" : "dense")}";
}
