namespace Deepstruct.Generators.Pipeline;

/// <summary>A <c>.dsnet</c> additional file's path and text (null when it could not be read).</summary>
internal sealed record DsnetFileText(string Path, string? Text);
