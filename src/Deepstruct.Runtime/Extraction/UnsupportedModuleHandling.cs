namespace Deepstruct.Extraction;

/// <summary>What <see cref="GraphTransform"/> does with a module kind it has no rule for.</summary>
public enum UnsupportedModuleHandling
{
    /// <summary>Throw a <see cref="GraphExtractionException"/> naming the module (the default).</summary>
    Throw,

    /// <summary>
    /// Skip it with a warning: a module that keeps the number of values is passed through as if it
    /// were point-wise; one that changes it starts a new layer of its outputs, without edges from its inputs.
    /// </summary>
    SkipWithWarning,
}
