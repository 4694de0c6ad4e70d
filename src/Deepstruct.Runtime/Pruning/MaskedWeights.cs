using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Finds the masked weights of any module, in a stable order, and names them.</summary>
public static class MaskedWeights
{
    /// <summary>
    /// Every <see cref="IMaskedWeight"/> inside <paramref name="model"/>: a <see cref="MaskableModule"/>'s
    /// <see cref="MaskableModule.MaskableLayers"/>, a module that is itself a masked weight, the two
    /// weights of a masked recurrent layer (<see cref="IMaskedRecurrentLayer"/>), and otherwise those
    /// of its children, depth first in registration order.
    /// </summary>
    public static IReadOnlyList<IMaskedWeight> Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var found = new List<IMaskedWeight>();
        Collect(model, found);
        return found;
    }

    /// <summary>
    /// A name for each of <paramref name="layers"/>: the qualified name of its weight parameter in
    /// <paramref name="model"/> without the trailing <c>.weight</c> (e.g. <c>layers.0</c>); for a
    /// <see cref="MaskedMapView"/>, the name of the map it stands for (e.g. <c>skip_maps.3</c>); or
    /// <c>#i</c> (its position) when the weight is not a parameter of the model.
    /// </summary>
    public static IReadOnlyList<string> Names(nn.Module model, IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layers);
        var byHandle = new Dictionary<IntPtr, string>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            byHandle.TryAdd(parameter.Handle, name);
        }

        return layers.Select((layer, i) =>
        {
            if (!byHandle.TryGetValue(MaskedWeightParameters.ParameterOf(layer).Handle, out var name))
            {
                return "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // A slice of a fused parameter (a DAN's map) is named like the module it stands for: the
            // parameter's qualified prefix and the slice's own name (e.g. dan.skip_maps.3).
            if (layer is IParameterSlice slice)
            {
                return name.EndsWith(slice.ParameterName, StringComparison.Ordinal) ? name[..^slice.ParameterName.Length] + slice.Name : "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            const string suffix = ".weight";
            return name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
        }).ToArray();
    }

    private static void Collect(nn.Module module, List<IMaskedWeight> found)
    {
        switch (module)
        {
            case MaskableModule maskable:
                found.AddRange(maskable.MaskableLayers());
                return;
            case IMaskedWeight weight:
                found.Add(weight);
                return;
            case IMaskedRecurrentLayer recurrent:
                // In MaskedDeepRnn's order: input-to-hidden, then hidden-to-hidden.
                found.Add(recurrent.InputToHidden);
                found.Add(recurrent.HiddenToHidden);
                return;
        }

        foreach (var (_, child) in module.named_children())
        {
            Collect(child, found);
        }
    }
}
