using System.Collections.Generic;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes an <c>ffn</c> model: a property for each hidden layer's map (<c>Hidden1</c> …) and <c>OutputMap</c>.</summary>
internal sealed class FfnEmitter(FfnSpec spec) : ModelEmitter<FfnSpec>(spec)
{
    private const string MaskedLinear = "global::Deepstruct.MaskedLinear";

    /// <inheritdoc/>
    public override string BaseClass => "global::Deepstruct.MaskedDeepFfn";

    /// <inheritdoc/>
    protected override string ConstructorArguments =>
        InputShapeArray + ", " + SpecClass + ".OutputSize, " + IntArray(Model.Hidden) + ", " + LayerOptionArguments(Model.Options);

    /// <inheritdoc/>
    protected override int? OutputSize => Model.OutputSize;

    /// <inheritdoc/>
    protected override EquatableArray<int> HiddenSizes => Model.Hidden;

    /// <inheritdoc/>
    protected override void AddKindMembers(List<GeneratedMember> members)
    {
        for (var k = 1; k <= Model.Hidden.Count; k++)
        {
            var layer = k;
            members.Add(new("Hidden" + CSharpLiterals.Int(layer), writer =>
            {
                var source = layer == 1 ? "the input" : "hidden layer " + CSharpLiterals.Int(layer - 1);
                writer.Line();
                writer.Line("/// <summary>The masked map from " + source + " to hidden layer " + CSharpLiterals.Int(layer)
                    + " (" + CSharpLiterals.Int(Model.Hidden[layer - 1]) + " units).</summary>");
                writer.Line("public " + MaskedLinear + " Hidden" + CSharpLiterals.Int(layer) + " => Layers[" + CSharpLiterals.Int(layer - 1) + "];");
            }));
        }

        members.Add(new("OutputMap", writer =>
        {
            writer.Line();
            writer.Line("/// <summary>The masked map to the output.</summary>");
            writer.Line("public " + MaskedLinear + " OutputMap => Layers[" + CSharpLiterals.Int(Model.Hidden.Count) + "];");
        }));
    }
}
