using System.Collections.Generic;

namespace Deepstruct.Extraction;

/// <summary>
/// The size of the graph <see cref="GraphTransform"/> would build, known before it builds it:
/// vertices exactly, edges exactly unless a convolution pads by reflection, replication or wrapping
/// (then an upper bound: positions that meet the same input neuron merge).
/// </summary>
/// <param name="Vertices">The number of vertices.</param>
/// <param name="Edges">The number of edges (see above).</param>
/// <param name="Steps">What each module adds, in execution order, starting with the input layer.</param>
public sealed record ExtractionEstimate(long Vertices, long Edges, IReadOnlyList<ExtractionStep> Steps);

/// <summary>What one module adds to the graph.</summary>
/// <param name="ModulePath">The module's path in the model (empty for the input layer and the model itself).</param>
/// <param name="ModuleType">The module's type name (<c>input</c> for the input layer).</param>
/// <param name="Vertices">The vertices it adds: its outputs.</param>
/// <param name="Edges">The edges it adds.</param>
public sealed record ExtractionStep(string ModulePath, string ModuleType, long Vertices, long Edges);
