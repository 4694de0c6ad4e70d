namespace Deepstruct.Structures;

/// <summary>The size of a family's graph, known from its arguments before anything is built.</summary>
/// <param name="Vertices">The exact number of vertices.</param>
/// <param name="MaxEdges">The exact number of edges for deterministic families, an upper bound for random ones.</param>
public readonly record struct FamilySize(long Vertices, long MaxEdges);
