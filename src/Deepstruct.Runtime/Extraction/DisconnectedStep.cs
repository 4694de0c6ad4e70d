namespace Deepstruct.Extraction;

/// <summary>A skipped module that changes the number of values: its outputs start a new layer without edges.</summary>
internal sealed class DisconnectedStep : PlannedStep
{
    public DisconnectedStep(ModuleCall call)
        : base(call)
    {
    }

    public override long Vertices => Call.OutputCount;

    public override long Edges => 0;

    public override Frontier Emit(ExtractedGraphBuilder builder, Frontier input)
    {
        var first = builder.AddVertices((int)Vertices, input.Layer + 1);
        return new Frontier(first, (int)Vertices, input.Layer + 1);
    }
}
