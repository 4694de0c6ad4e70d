using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A <see cref="MaskedDeepDan"/>'s checkpoints across its two representations. Each representation saves its
/// own keys — Dense <c>map_weights</c>, <c>map_biases</c>, <c>map_masks</c> and <c>norms.i</c> for every normalized
/// layer; Edges <c>edge_maps.*</c> (weights and masks per edge, biases per segment and edgeless row, the norms of
/// normalized layers ≥ 1 one after another), <c>structure_hash</c> and <c>norms.0</c> for layer 0 — and a load
/// into the network itself converts a checkpoint of the other representation by its keys: the same weights, the
/// same function. Checkpoints of another structure are refused before anything is written.
/// </summary>
internal static class DanCheckpoint
{
    private const string EdgeWeights = MaskedDeepDan.EdgeMapsName + ".edge_weights";
    private const string EdgeMasks = MaskedDeepDan.EdgeMapsName + ".edge_masks";
    private const string SegmentBiases = MaskedDeepDan.EdgeMapsName + ".segment_biases";
    private const string EdgelessBiases = MaskedDeepDan.EdgeMapsName + ".edgeless_biases";
    private const string NormWeights = MaskedDeepDan.EdgeMapsName + ".norm_weights";
    private const string NormBiases = MaskedDeepDan.EdgeMapsName + ".norm_biases";
    private const string NormsPrefix = "norms.";

    /// <summary>
    /// Reads a checkpoint written by TorchSharp's <c>Module.save</c> (an LEB128 entry count, then each key and
    /// tensor) into new tensors the caller disposes.
    /// </summary>
    /// <exception cref="ArgumentException">The stream is not such a checkpoint.</exception>
    public static Dictionary<string, Tensor> Read(BinaryReader reader)
    {
        var entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            var count = DecodeCount(reader);
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var value = Tensor.Load(reader).DetachFromDisposeScope();
                if (!entries.TryAdd(key, value))
                {
                    value.Dispose();
                    throw new ArgumentException($"The checkpoint holds the key '{key}' twice.", nameof(reader));
                }
            }

            return entries;
        }
        catch (Exception error) when (error is EndOfStreamException or IOException)
        {
            foreach (var value in entries.Values)
            {
                value.Dispose();
            }

            throw new ArgumentException("The stream is not a complete TorchSharp checkpoint: " + error.Message, nameof(reader), error);
        }
    }

    /// <summary>
    /// <paramref name="source"/> converted to <paramref name="dan"/>'s representation (new tensors for the converted
    /// keys, the others shared), or <see langword="null"/> when it needs no conversion.
    /// </summary>
    /// <exception cref="ArgumentException">The checkpoint is of a network on another structure, or its map tensors do not fit.</exception>
    public static Dictionary<string, Tensor>? Convert(MaskedDeepDan dan, Dictionary<string, Tensor> source, string parameterName)
    {
        if (dan.Representation == DanRepresentation.Edges && source.ContainsKey(MaskedDeepDan.FusedWeightName))
        {
            return FromDense(dan, source, parameterName);
        }

        if (dan.Representation == DanRepresentation.Dense && dan.Plan.MainMaps.Count > 0 && source.ContainsKey(EdgeWeights))
        {
            return FromEdges(dan, source, parameterName);
        }

        return null;
    }

    /// <summary>Disposes the tensors of <paramref name="converted"/> that are not <paramref name="source"/>'s.</summary>
    public static void DisposeNew(Dictionary<string, Tensor> converted, Dictionary<string, Tensor> source)
    {
        var shared = new HashSet<Tensor>(source.Values, ReferenceEqualityComparer.Instance);
        foreach (var value in converted.Values)
        {
            if (!shared.Contains(value))
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Describes a loaded <paramref name="hash"/> that is not the fingerprint of <paramref name="dan"/>'s structure, or returns <see langword="null"/>.</summary>
    public static string? FindOtherStructure(MaskedDeepDan dan, Tensor hash, string key)
    {
        var loaded = hash.cpu().item<long>();
        return loaded == StructureFingerprint.Of(dan.Structure)
            ? null
            : string.Format(
                CultureInfo.InvariantCulture,
                "The tensor '{0}' is the fingerprint of another structure than the model's ({1} vertices, {2} edges): the per-edge weights of this checkpoint belong to other connections.",
                key,
                dan.Structure.VertexCount,
                dan.Structure.EdgeCount);
    }

    private static Dictionary<string, Tensor> FromDense(MaskedDeepDan dan, Dictionary<string, Tensor> source, string parameterName)
    {
        var layout = dan.Layout;
        var weight = Get(source, MaskedDeepDan.FusedWeightName, layout.TotalWeights, parameterName);
        var mask = Get(source, MaskedDeepDan.FusedMaskName, layout.TotalWeights, parameterName);
        source.TryGetValue(MaskedDeepDan.FusedBiasName, out var bias);
        if (bias is not null)
        {
            CheckLength(bias, MaskedDeepDan.FusedBiasName, layout.TotalRows, parameterName);
        }

        if (DanStructureMasks.FindBeyond(dan.Plan, layout, mask, MaskedDeepDan.FusedMaskName) is { } problem)
        {
            throw new ArgumentException(problem + " Is this a checkpoint of a model on another structure? The model keeps the state it had before the load.", parameterName);
        }

        var result = Others(source, isMapKey: key => key is MaskedDeepDan.FusedWeightName or MaskedDeepDan.FusedBiasName or MaskedDeepDan.FusedMaskName || key.StartsWith(NormsPrefix, StringComparison.Ordinal));
        var (edges, segments, edgeless) = layout.EdgePositions(EdgeDanLayout.Create(dan.Plan));
        using (no_grad())
        {
            result[EdgeWeights] = Gather(weight, edges);
            result[EdgeMasks] = Gather(mask, edges);
            if (bias is not null)
            {
                result[SegmentBiases] = Gather(bias, segments);
                result[EdgelessBiases] = Gather(bias, edgeless);
            }

            // Dense numbers the norms of all normalized layers; Edges keeps layer 0's as norms.0 and the rest flat.
            var layers = NormalizedLayers(dan);
            var dense = 0;
            var rest = new List<(Tensor Weight, Tensor Bias)>();
            foreach (var layer in layers)
            {
                var weightKey = NormsPrefix + dense.ToString(CultureInfo.InvariantCulture) + ".weight";
                var biasKey = NormsPrefix + dense.ToString(CultureInfo.InvariantCulture) + ".bias";
                dense++;
                if (!source.TryGetValue(weightKey, out var normWeight) || !source.TryGetValue(biasKey, out var normBias))
                {
                    continue;
                }

                if (layer == 0)
                {
                    result[NormsPrefix + "0.weight"] = normWeight;
                    result[NormsPrefix + "0.bias"] = normBias;
                }
                else
                {
                    rest.Add((normWeight, normBias));
                }
            }

            if (rest.Count > 0)
            {
                result[NormWeights] = cat(rest.Select(pair => pair.Weight).ToArray()).DetachFromDisposeScope();
                result[NormBiases] = cat(rest.Select(pair => pair.Bias).ToArray()).DetachFromDisposeScope();
            }

            result[MaskedDeepDan.StructureHashName] = tensor(new[] { StructureFingerprint.Of(dan.Structure) }).DetachFromDisposeScope();
        }

        return result;
    }

    private static Dictionary<string, Tensor> FromEdges(MaskedDeepDan dan, Dictionary<string, Tensor> source, string parameterName)
    {
        if (source.TryGetValue(MaskedDeepDan.StructureHashName, out var hash) && FindOtherStructure(dan, hash, MaskedDeepDan.StructureHashName) is { } problem)
        {
            throw new ArgumentException(problem + " Is this a checkpoint of a model on another structure? The model keeps the state it had before the load.", parameterName);
        }

        var layout = dan.Layout;
        var edgeLayout = EdgeDanLayout.Create(dan.Plan);
        var weight = Get(source, EdgeWeights, edgeLayout.EdgeCount, parameterName);
        var mask = Get(source, EdgeMasks, edgeLayout.EdgeCount, parameterName);
        source.TryGetValue(SegmentBiases, out var segmentBias);
        source.TryGetValue(EdgelessBiases, out var edgelessBias);
        if (segmentBias is not null)
        {
            CheckLength(segmentBias, SegmentBiases, edgeLayout.SegmentCount, parameterName);
            CheckLength(edgelessBias ?? throw Missing(EdgelessBiases, parameterName), EdgelessBiases, edgeLayout.EdgelessRowCount, parameterName);
        }

        var result = Others(source, isMapKey: key => key.StartsWith(MaskedDeepDan.EdgeMapsName + ".", StringComparison.Ordinal) || key == MaskedDeepDan.StructureHashName || key.StartsWith(NormsPrefix, StringComparison.Ordinal));
        var (edges, segments, edgeless) = layout.EdgePositions(edgeLayout);
        using (no_grad())
        {
            result[MaskedDeepDan.FusedWeightName] = Scatter(weight, layout.TotalWeights, edges);
            result[MaskedDeepDan.FusedMaskName] = Scatter(mask, layout.TotalWeights, edges);
            if (segmentBias is not null)
            {
                using var rows = tensor(segments);
                using var others = tensor(edgeless);
                result[MaskedDeepDan.FusedBiasName] = zeros(layout.TotalRows, dtype: segmentBias.dtype)
                    .index_copy_(0, rows, segmentBias.cpu())
                    .index_copy_(0, others, edgelessBias!.cpu())
                    .DetachFromDisposeScope();
            }

            var layers = NormalizedLayers(dan);
            source.TryGetValue(NormWeights, out var flatWeight);
            source.TryGetValue(NormBiases, out var flatBias);
            long offset = 0;
            for (var i = 0; i < layers.Count; i++)
            {
                var weightKey = NormsPrefix + i.ToString(CultureInfo.InvariantCulture) + ".weight";
                var biasKey = NormsPrefix + i.ToString(CultureInfo.InvariantCulture) + ".bias";
                if (layers[i] == 0)
                {
                    if (source.TryGetValue(NormsPrefix + "0.weight", out var w0) && source.TryGetValue(NormsPrefix + "0.bias", out var b0))
                    {
                        result[weightKey] = w0;
                        result[biasKey] = b0;
                    }

                    continue;
                }

                long size = dan.Structure.Layers.SizeOf(layers[i]);
                if (flatWeight is not null && flatBias is not null && offset + size <= flatWeight.shape[0] && offset + size <= flatBias.shape[0])
                {
                    result[weightKey] = flatWeight.narrow(0, offset, size).clone().DetachFromDisposeScope();
                    result[biasKey] = flatBias.narrow(0, offset, size).clone().DetachFromDisposeScope();
                }

                offset += size;
            }
        }

        return result;
    }

    /// <summary>The layers that are normalized, ascending (Dense numbers its norms in this order).</summary>
    private static List<int> NormalizedLayers(MaskedDeepDan dan)
    {
        var layers = new List<int>();
        for (var layer = 0; layer < dan.LayerCount; layer++)
        {
            if (dan.HasLayerNorm(layer))
            {
                layers.Add(layer);
            }
        }

        return layers;
    }

    private static Dictionary<string, Tensor> Others(Dictionary<string, Tensor> source, Func<string, bool> isMapKey)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (!isMapKey(key))
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static Tensor Gather(Tensor values, long[] positions)
    {
        using var index = tensor(positions);
        using var cpu = values.cpu();
        return cpu.index_select(0, index).DetachFromDisposeScope();
    }

    private static Tensor Scatter(Tensor values, long length, long[] positions)
    {
        using var index = tensor(positions);
        using var cpu = values.cpu();
        return zeros(length, dtype: values.dtype).index_copy_(0, index, cpu).DetachFromDisposeScope();
    }

    private static Tensor Get(Dictionary<string, Tensor> source, string key, long length, string parameterName)
    {
        if (!source.TryGetValue(key, out var value))
        {
            throw Missing(key, parameterName);
        }

        CheckLength(value, key, length, parameterName);
        return value;
    }

    private static void CheckLength(Tensor value, string key, long length, string parameterName)
    {
        if (value.Dimensions != 1 || value.shape[0] != length)
        {
            throw new ArgumentException($"The checkpoint's '{key}' has shape {MaskedLinear.Describe(value.shape)}, but this network's maps need [{length}]: is it a checkpoint of a network on another structure?", parameterName);
        }
    }

    private static ArgumentException Missing(string key, string parameterName) =>
        new($"The checkpoint has no '{key}', which a network storing its maps the other way needs to convert it.", parameterName);

    private static long DecodeCount(BinaryReader reader)
    {
        // Unsigned LEB128, as TorchSharp's Module.save writes the entry count.
        long result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = reader.ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new IOException("The entry count of the checkpoint is malformed.");
    }
}
