using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Deepstruct.Extraction;

/// <summary>
/// The size of the graph <see cref="GraphTransform"/> would build, known before it builds it:
/// vertices exactly, edges exactly unless a convolution pads by reflection, replication or wrapping
/// (then an upper bound: positions that meet the same input neuron merge).
/// </summary>
/// <param name="Vertices">The number of vertices.</param>
/// <param name="Edges">The number of edges (see above).</param>
/// <param name="Steps">What each module adds, in execution order, starting with the input layer.</param>
public sealed record ExtractionEstimate(long Vertices, long Edges, IReadOnlyList<ExtractionStep> Steps)
{
    // The generated record ToString would print the list's type name: print its steps instead.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Vertices = {Vertices}, Edges = {Edges}, Steps = [");
        builder.AppendJoin(", ", Steps.Select(step => step.Describe()));
        builder.Append(']');
        return true;
    }
}

/// <summary>What one module adds to the graph.</summary>
/// <param name="ModulePath">The module's path in the model (empty for the input layer and the model itself).</param>
/// <param name="ModuleType">The module's type name (<c>input</c> for the input layer).</param>
/// <param name="Vertices">The vertices it adds: its outputs.</param>
/// <param name="Edges">The edges it adds.</param>
public sealed record ExtractionStep(string ModulePath, string ModuleType, long Vertices, long Edges)
{
    /// <summary>The step in one short phrase, e.g. <c>layers.0 (MaskedLinear): +100 vertices, +78400 edges</c>.</summary>
    internal string Describe()
    {
        var module = ModulePath.Length == 0 ? ModuleType : ModulePath + " (" + ModuleType + ")";
        return string.Format(CultureInfo.InvariantCulture, "{0}: +{1} vertices, +{2} edges", module, Vertices, Edges);
    }
}
