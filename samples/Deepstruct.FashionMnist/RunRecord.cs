namespace Deepstruct.FashionMnistSample;

/// <summary>One trained network: what it was, how many weights it kept, how it scored.</summary>
/// <param name="Method">The method's name, as in the table.</param>
/// <param name="Level">The share of the dense network's weights aimed at (1 for dense).</param>
/// <param name="Seed">The seed of its initialization and batch order.</param>
/// <param name="Weights">Its unmasked weights (biases not counted).</param>
/// <param name="Accuracy">Test accuracy, in [0, 1].</param>
/// <param name="SecondsPerEpoch">Mean wall-clock seconds of a training epoch of its last training run.</param>
/// <param name="Layers">Per masked layer: name, weights, weights kept.</param>
/// <param name="Detail">How it was built (e.g. the structure and scale of a prior).</param>
public sealed record RunRecord(string Method, double Level, int Seed, long Weights, double Accuracy, double SecondsPerEpoch, IReadOnlyList<LayerKept> Layers, string Detail);

/// <summary>A masked layer's size and kept weights.</summary>
public sealed record LayerKept(string Name, long Weights, long Kept);

/// <summary>A row that is not measured, with the reason.</summary>
public sealed record MissingMethod(string Method, string Reason);
