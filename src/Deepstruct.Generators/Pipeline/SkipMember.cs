namespace Deepstruct.Generators.Pipeline;

/// <summary>A skip map of a DAN: its source and target layers and its position in <c>SkipMaps</c>.</summary>
internal readonly record struct SkipMember(int SourceLayer, int TargetLayer, int Index)
{
    /// <summary>The generated property's name, <c>Skip{j}To{k}</c>.</summary>
    public string Name => "Skip" + SourceLayer.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "To" + TargetLayer.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
