using System;
using System.Collections.Generic;

namespace Deepstruct.Extraction;

/// <summary>Settings of a <see cref="GraphTransform"/>.</summary>
public sealed class GraphTransformOptions
{
    /// <summary>A plain <c>Linear</c> keeps the weights with |w| ≥ this threshold as edges (deepstruct's 0.01).</summary>
    public double LinearThreshold { get; init; } = 0.01;

    /// <summary>
    /// When set, a <c>Conv2d</c> kernel weight with |w| below it connects nothing; when null (the
    /// default, as deepstruct) every kernel position connects wherever the geometry reaches.
    /// </summary>
    public double? ConvolutionThreshold { get; init; }

    /// <summary>What to do with a module kind without a rule: throw (default) or skip with a warning.</summary>
    public UnsupportedModuleHandling UnsupportedModules { get; init; } = UnsupportedModuleHandling.Throw;

    /// <summary>The most vertices a graph may have; checked on the size estimate, before anything is built.</summary>
    public long MaxVertices { get; init; } = 20_000_000;

    /// <summary>
    /// The most edges a graph may have; checked on the size estimate, before anything is built. The
    /// default (20 million) keeps the peak memory of building well under a gigabyte.
    /// </summary>
    public long MaxEdges { get; init; } = 20_000_000;

    /// <summary>
    /// Further module types to pass through like activations (the values keep their neurons). Types
    /// derived from one listed count too.
    /// </summary>
    public IReadOnlyCollection<Type> PointwiseModuleTypes { get; init; } = Array.Empty<Type>();

    /// <summary>Where warnings go besides <see cref="GraphTransform.Warnings"/>; null writes them to standard error.</summary>
    public Action<string>? OnWarning { get; init; }
}
