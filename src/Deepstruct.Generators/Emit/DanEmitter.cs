using System.Collections.Generic;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes a <c>dan</c> model: a property for each main map (<c>Main1</c> …) and skip map (<c>Skip0To2</c> …), up to <see cref="ModelSpecBuilder.MaxTypedMaps"/>.</summary>
internal sealed class DanEmitter(DanSpec spec) : ModelEmitter<DanSpec>(spec)
{
    private const string MaskedMapView = "global::Deepstruct.MaskedMapView";

    /// <summary>The <see cref="ModelEmitter.SpecClass"/> property holding the model's <c>DanOptions</c>, constructed once.</summary>
    private const string OptionsProperty = "Options";

    /// <inheritdoc/>
    public override string BaseClass => "global::Deepstruct.MaskedDeepDan";

    /// <inheritdoc/>
    protected override string ConstructorArguments =>
        InputShapeArray + ", " + SpecClass + ".OutputSize, " + SpecClass + ".Structure, " + SpecClass + "." + OptionsProperty;

    /// <inheritdoc/>
    protected override int? OutputSize => Model.OutputSize;

    /// <inheritdoc/>
    protected override StructureSpec Structure => Model.Structure;

    /// <inheritdoc/>
    protected override void WriteKindFacts(CodeWriter writer)
    {
        var options = Model.Options;
        writer.Line();
        writer.Line("/// <summary>The model's options: its <c>layer_norm</c>, <c>activation</c> and <c>bias</c> settings (the representation is chosen when it is built).</summary>");
        writer.Line("public static global::Deepstruct.DanOptions " + OptionsProperty + " { get; } = new global::Deepstruct.DanOptions { LayerNorm = "
            + CSharpLiterals.Bool(options.LayerNorm) + ", Activation = global::Deepstruct.Activation." + options.Activation
            + ", Bias = " + CSharpLiterals.Bool(options.Bias) + ", Representation = global::Deepstruct.DanRepresentation." + options.Representation + " };");
    }

    /// <inheritdoc/>
    protected override void AddKindMembers(List<GeneratedMember> members)
    {
        if (Model.OmittedMapCount > 0)
        {
            members.Add(new(null, writer =>
            {
                writer.Line();
                writer.Line("// " + CSharpLiterals.Int(Model.OmittedMapCount) + " main and skip maps are more than the " + CSharpLiterals.Int(ModelSpecBuilder.MaxTypedMaps)
                    + " that get a property each: use MainMaps and SkipMaps.");
            }));
        }

        for (var k = 1; k <= Model.MainCount; k++)
        {
            var layer = k;
            var name = "Main" + CSharpLiterals.Int(layer);
            members.Add(new(name, writer =>
            {
                writer.Line();
                writer.Line("/// <summary>The masked map from layer " + CSharpLiterals.Int(layer - 1) + " to layer " + CSharpLiterals.Int(layer) + ".</summary>");
                writer.Line("public " + MaskedMapView + " " + name + " => MainMaps[" + CSharpLiterals.Int(layer - 1) + "];");
            }));
        }

        foreach (var skip in Model.Skips)
        {
            members.Add(new(skip.Name, writer =>
            {
                writer.Line();
                writer.Line("/// <summary>The masked skip map from layer " + CSharpLiterals.Int(skip.SourceLayer) + " to layer "
                    + CSharpLiterals.Int(skip.TargetLayer) + ".</summary>");
                writer.Line("public " + MaskedMapView + " " + skip.Name + " => SkipMaps[" + CSharpLiterals.Int(skip.Index) + "];");
            }));
        }
    }
}
