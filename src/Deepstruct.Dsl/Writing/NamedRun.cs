namespace Deepstruct.Writing;

/// <summary>Consecutive vertices written under one name: a block <c>Name[Length]</c>, or a single vertex.</summary>
internal readonly record struct NamedRun(int First, int Length, string Name, bool IsBlock);
