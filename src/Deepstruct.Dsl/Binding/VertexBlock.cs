namespace Deepstruct.Binding;

/// <summary>A named block of consecutive vertices: its first vertex index and its size.</summary>
/// <param name="First">The index of the block's first vertex.</param>
/// <param name="Length">The number of vertices.</param>
public readonly record struct VertexBlock(int First, int Length);
