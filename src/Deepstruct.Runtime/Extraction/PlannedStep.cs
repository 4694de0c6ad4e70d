namespace Deepstruct.Extraction;

/// <summary>One module's contribution to the graph, sized before anything is built.</summary>
internal abstract class PlannedStep
{
    protected PlannedStep(ModuleCall call) => Call = call;

    public ModuleCall Call { get; }

    /// <summary>The vertices the step adds.</summary>
    public abstract long Vertices { get; }

    /// <summary>The neurons the next module reads: the step's last layer (all its vertices, except for a DAN).</summary>
    public virtual long Outputs => Vertices;

    /// <summary>The edges the step adds (an upper bound where <see cref="ExtractionEstimate"/> says so).</summary>
    public abstract long Edges { get; }

    /// <summary>Adds the step's vertices and edges after <paramref name="input"/>; returns the new frontier.</summary>
    public abstract Frontier Emit(ExtractedGraphBuilder builder, Frontier input);

    public ExtractionStep Describe() => new(Call.Path, Call.TypeName, Vertices, Edges);
}
