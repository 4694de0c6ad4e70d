namespace Deepstruct;

/// <summary>
/// One masked map of a <see cref="NeuronGraph"/>: it reads the neurons of group <see cref="Source"/>
/// (−1 for the model's input) and adds into those of group <see cref="Target"/> (the graph's
/// group count for the model's output), through <see cref="Activation"/> (<see langword="null"/> for
/// the output, which has none).
/// </summary>
internal sealed record NeuronMap(IMaskedWeight Layer, int Source, int Target, Activation? Activation);
