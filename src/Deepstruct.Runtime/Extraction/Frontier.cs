namespace Deepstruct.Extraction;

/// <summary>The neurons the next module reads: a run of consecutive vertices in one layer, in tensor memory order.</summary>
/// <param name="First">The first vertex.</param>
/// <param name="Count">The number of neurons.</param>
/// <param name="Layer">Their layer.</param>
internal readonly record struct Frontier(int First, int Count, int Layer);
