using System.Collections.Generic;
using System.Globalization;

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
