using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Binding;
using Deepstruct.Structures;

namespace Deepstruct.Generators.Pipeline;

/// <summary>Turns a bound model of the front end into the plain data the emitter writes out.</summary>
internal static class ModelSpecBuilder
{
    /// <summary>
    /// The most main and skip maps that get a property each. A long chain-like structure (the
    /// 1M-edge Watts–Strogatz graph has ~100,000 layers) would otherwise add hundreds of thousands
    /// of properties, slowing every build for members nobody names; beyond this the maps are
    /// reached through <c>MainMaps</c> and <c>SkipMaps</c>.
    /// </summary>
    public const int MaxTypedMaps = 1024;

    public static ModelSpec Build(BoundModel model, string? @namespace, EquatableArray<string> containingTypes, string hintName, bool fromFile, string origin)
    {
        var @class = new ModelClass(hintName, @namespace, containingTypes, model.Name, fromFile, origin, model.Source);
        var input = new EquatableArray<long>(model.InputShape);
        var hidden = new EquatableArray<int>(model.HiddenSizes);
        return model.Kind switch
        {
            ModelKind.Ffn => new FfnSpec(@class, input, model.InputSize, model.OutputSize, hidden, Options(model)),
            ModelKind.Dan => Dan(model, @class, input),
            ModelKind.CellDan => new CellDanSpec(@class, input, model.InputSize, model.OutputSize, Structure(StructureOf(model))),
            ModelKind.Rnn => new RnnSpec(
                @class,
                input,
                model.InputSize,
                hidden,
                model.Cell,
                model.BatchFirst,
                model.Activation,
                // rnn's nonlinearity defaults to tanh in the runtime (as in deepstruct) while the front
                // end's defaults to relu for every kind: pass it only when the model wrote it.
                ActivationWritten: model.IsWritten("activation")),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Kind, "The generator has no spec for this kind of model."),
        };
    }

    private static MaskedLayerOptions Options(BoundModel model) => new(model.Activation, model.LayerNorm, model.Bias);

    private static BoundStructure StructureOf(BoundModel model) =>
        model.BoundStructure ?? throw new ArgumentException("A " + model.Kind.Keyword() + " model '" + model.Name + "' has no structure.", nameof(model));

    private static DanSpec Dan(BoundModel model, ModelClass @class, EquatableArray<long> input)
    {
        var bound = StructureOf(model);
        var mainCount = 0;
        var omitted = 0L;
        var skips = EquatableArray<SkipMember>.Empty;

        // Count the maps first (O(E)): planning a structure of ~100,000 layers only to drop its
        // members would cost more than the rest of the generator together.
        var mapCount = DanWiringPlan.CountMaps(bound.Structure);
        if (mapCount <= MaxTypedMaps)
        {
            // The same plan the runtime builds from, so members name exactly the runtime's maps.
            var plan = DanWiringPlan.Create(bound.Structure, checked((int)model.InputSize), model.OutputSize);
            mainCount = plan.MainMaps.Count;
            skips = new EquatableArray<SkipMember>(plan.SkipMaps.Select((map, index) => new SkipMember(map.SourceLayer, map.TargetLayer, index)));
        }
        else
        {
            omitted = mapCount;
        }

        return new DanSpec(@class, input, model.InputSize, model.OutputSize, Structure(bound), model.DanOptions, mainCount, omitted, skips);
    }

    private static StructureSpec Structure(BoundStructure bound)
    {
        var structure = bound.Structure;
        var bytes = StructureEncoding.Encode(structure);
        var sizes = new int[structure.LayerCount];
        for (var layer = 0; layer < sizes.Length; layer++)
        {
            sizes[layer] = structure.VerticesOf(layer).Length;
        }

        return new StructureSpec(StructureEncoding.Pack(bytes), bytes.Length, structure.VertexCount, structure.EdgeCount, new EquatableArray<int>(sizes), new EquatableArray<NamedConstant>(VertexConstants(bound)));
    }

    private static NamedConstant[] VertexConstants(BoundStructure bound)
    {
        // (first index, name, length or -1 for a single vertex); a block's length follows its start.
        var entries = new List<(int First, string Name, int Length)>();
        foreach (var pair in bound.Vertices)
        {
            entries.Add((pair.Value, pair.Key, -1));
        }

        foreach (var pair in bound.Blocks)
        {
            entries.Add((pair.Value.First, pair.Key, pair.Value.Length));
        }

        // Dictionaries have no defined order; output must be deterministic: by index, then name.
        entries.Sort((left, right) => left.First != right.First
            ? left.First.CompareTo(right.First)
            : string.CompareOrdinal(left.Name, right.Name));
        var constants = new List<NamedConstant>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (first, name, length) in entries)
        {
            if (seen.Add(name))
            {
                constants.Add(new NamedConstant(name, first, length >= 0 ? "The first vertex of block <c>" + name + "</c>." : "Vertex <c>" + name + "</c>."));
            }

            if (length >= 0 && seen.Add(name + "Length"))
            {
                constants.Add(new NamedConstant(name + "Length", length, "The number of vertices of block <c>" + name + "</c>."));
            }
        }

        return constants.ToArray();
    }
}
