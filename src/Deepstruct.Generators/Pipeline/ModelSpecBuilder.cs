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
        var kind = KindName(model.Kind);
        string? blob = null;
        var blobLength = 0;
        var vertexCount = 0;
        var edgeCount = 0;
        var layerSizes = EquatableArray<int>.Empty;
        var mainCount = 0;
        var omitted = 0L;
        var skips = EquatableArray<SkipMember>.Empty;
        var vertices = EquatableArray<NamedConstant>.Empty;

        if (model.BoundStructure is { } bound)
        {
            var structure = bound.Structure;
            var bytes = StructureEncoding.Encode(structure);
            blob = StructureEncoding.Pack(bytes);
            blobLength = bytes.Length;
            vertexCount = structure.VertexCount;
            edgeCount = structure.EdgeCount;
            var sizes = new int[structure.LayerCount];
            for (var layer = 0; layer < sizes.Length; layer++)
            {
                sizes[layer] = structure.VerticesOf(layer).Length;
            }

            layerSizes = new EquatableArray<int>(sizes);
            vertices = new EquatableArray<NamedConstant>(VertexConstants(bound));
            if (model.Kind == ModelKind.Dan)
            {
                // Count the maps first (O(E)): planning a structure of ~100,000 layers only to drop its
                // members would cost more than the rest of the generator together.
                var mapCount = DanWiringPlan.CountMaps(structure);
                if (mapCount <= MaxTypedMaps)
                {
                    // The same plan the runtime builds from, so members name exactly the runtime's maps.
                    var plan = DanWiringPlan.Create(structure, checked((int)model.InputSize), model.OutputSize);
                    mainCount = plan.MainMaps.Count;
                    skips = new EquatableArray<SkipMember>(plan.SkipMaps.Select((map, index) => new SkipMember(map.SourceLayer, map.TargetLayer, index)));
                }
                else
                {
                    omitted = mapCount;
                }
            }
        }
        else
        {
            layerSizes = new EquatableArray<int>(model.HiddenSizes);
        }

        return new ModelSpec(
            hintName,
            @namespace,
            containingTypes,
            model.Name,
            fromFile,
            origin,
            model.Source,
            kind,
            new EquatableArray<long>(model.InputShape),
            model.InputSize,
            model.OutputSize,
            new EquatableArray<int>(model.HiddenSizes),
            model.Activation.ToString(),
            // rnn's nonlinearity defaults to tanh in the runtime (as in deepstruct) while the front
            // end's defaults to relu for every kind: pass it only when the model wrote it.
            model.IsWritten("activation"),
            model.LayerNorm,
            model.Bias,
            model.Cell.ToString(),
            model.BatchFirst,
            blob,
            blobLength,
            vertexCount,
            edgeCount,
            layerSizes,
            mainCount,
            omitted,
            skips,
            vertices);
    }

    public static string KindName(ModelKind kind) => kind switch
    {
        ModelKind.Ffn => ModelKinds.Ffn,
        ModelKind.Dan => ModelKinds.Dan,
        ModelKind.CellDan => ModelKinds.CellDan,
        _ => ModelKinds.Rnn,
    };

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
