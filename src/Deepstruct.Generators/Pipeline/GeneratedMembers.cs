using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// The names of the members a model's generated class declares, so the analyzer can report a
/// collision with a member the user wrote (DS3002) and the generator can stay silent instead.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>The nested static class that holds the model's facts (InputSize, Structure, ...).</summary>
    public const string SpecClass = "Spec";

    /// <summary>The nested static class of vertex constants (models with a structure).</summary>
    public const string VerticesClass = "Vertices";

    /// <summary>The partial method a <c>cell_dan</c> class's author implements.</summary>
    public const string CellFactory = "CreateCell";

    private static readonly Regex NumberedMember = new(@"^(Main[0-9]+|Hidden[0-9]+|Skip[0-9]+To[0-9]+)$", RegexOptions.CultureInvariant);

    /// <summary>Whether the class itself would have a generated member's name (CS0542 in generated code).</summary>
    public static bool IsNamedLikeAMember(ModelSpec spec) =>
        (spec.Kind == ModelKinds.CellDan && spec.ClassName == CellFactory) || Names(spec).Contains(spec.ClassName);

    /// <summary>
    /// Whether a model of that name might be named like one of its generated members: a cheap test
    /// on the name alone, so the spec (which plans a DAN's maps) is built only for the rare name that might.
    /// </summary>
    public static bool MayBeNamedLikeAMember(string name) =>
        name is SpecClass or VerticesClass or CellFactory or "BuildCell" or "OutputMap" || NumberedMember.IsMatch(name);

    public static IReadOnlyList<string> Names(ModelSpec spec)
    {
        var names = new List<string> { SpecClass };
        if (spec.Kind is ModelKinds.Dan or ModelKinds.CellDan)
        {
            names.Add(VerticesClass);
        }

        if (spec.Kind == ModelKinds.CellDan)
        {
            names.Add("BuildCell");
        }

        if (spec.Kind == ModelKinds.Dan)
        {
            for (var k = 1; k <= spec.MainCount; k++)
            {
                names.Add("Main" + k.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var skip in spec.Skips)
            {
                names.Add(skip.Name);
            }
        }

        if (spec.Kind == ModelKinds.Ffn)
        {
            for (var k = 1; k <= spec.Hidden.Count; k++)
            {
                names.Add("Hidden" + k.ToString(CultureInfo.InvariantCulture));
            }

            names.Add("OutputMap");
        }

        return names;
    }
}
