using System.Collections.Generic;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes a <c>cell_dan</c> model: <c>BuildCell</c> calls the partial <c>CreateCell</c> the user implements.</summary>
internal sealed class CellDanEmitter(CellDanSpec spec) : ModelEmitter<CellDanSpec>(spec)
{
    /// <summary>The partial method a <c>cell_dan</c> class's author implements.</summary>
    public const string CellFactory = "CreateCell";

    private const string Module = "global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>";

    /// <inheritdoc/>
    public override string BaseClass => "global::Deepstruct.DeepCellDan";

    /// <inheritdoc/>
    protected override string ConstructorArguments => InputShapeArray + ", " + SpecClass + ".OutputSize, " + SpecClass + ".Structure";

    /// <inheritdoc/>
    protected override int? OutputSize => Model.OutputSize;

    /// <inheritdoc/>
    protected override StructureSpec Structure => Model.Structure;

    /// <inheritdoc/>
    protected override void AddKindMembers(List<GeneratedMember> members)
    {
        members.Add(new("BuildCell", writer =>
        {
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Line("protected override " + Module + " BuildCell(global::Deepstruct.CellSpec cell) => " + CellFactory + "(cell);");
        }));
        members.Add(new(CellFactory, writer =>
        {
            writer.Line();
            writer.Line("/// <summary>Builds the cell of one vertex (called once per vertex, in vertex order, while the base class is constructed: use no instance state). Implement it in your part of the class.</summary>");
            writer.Line("private partial " + Module + " " + CellFactory + "(global::Deepstruct.CellSpec cell);");
        }, ImplementedByUser: true));
    }
}
