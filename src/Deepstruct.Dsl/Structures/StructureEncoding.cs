using System;

namespace Deepstruct.Structures;

/// <summary>
/// A compact, versioned byte encoding of a structure with its layer index, so generated code can
/// embed a structure and rebuild it without running a graph algorithm.
/// </summary>
/// <remarks>
/// Layout (all integers unsigned LEB128 varints; "zigzag" maps signed to unsigned):
/// <c>"DSt" 0x01</c>, vertex count, edge count, layer count, then per vertex in index order: zigzag
/// of its layer minus the previous vertex's layer, its out-degree, and its ascending successors as
/// zigzag(first − vertex − 1) followed by (gap − 1) for each next one. Local wiring (lattices,
/// trees, small worlds) thus costs about one byte per edge. Decoding checks every invariant a
/// layer index has, so a damaged blob is refused rather than trusted.
/// <para>
/// Generated code embeds the encoding packed two bytes to a UTF-16 code unit, low byte first
/// (<see cref="Pack"/>, <see cref="DecodePacked"/>), in a string constant: one byte of metadata
/// per byte of structure, where a <c>byte[]</c> initializer of a million elements would slow the
/// consuming compilation down and base64 would cost 2.7.
/// </para>
/// </remarks>
public static class StructureEncoding
{
    private static readonly byte[] Magic = { (byte)'D', (byte)'S', (byte)'t', 1 };

    // Errors are found deep in the reader; they all concern Decode's one parameter.
    private static readonly string DataParameter = "data";

    /// <summary>Encodes <paramref name="structure"/>.</summary>
    public static byte[] Encode(Structure structure)
    {
        Guard.NotNull(structure, nameof(structure));
        var writer = new VarintWriter(16 + structure.VertexCount + (structure.EdgeCount * 2));
        writer.WriteBytes(Magic);
        writer.Write((ulong)structure.VertexCount);
        writer.Write((ulong)structure.EdgeCount);
        writer.Write((ulong)structure.LayerCount);
        var layerOf = structure.Layers.LayerOfVertex;
        var previousLayer = 0;
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            writer.Write(ZigZag(layerOf[vertex] - previousLayer));
            previousLayer = layerOf[vertex];
            var successors = structure.Successors(vertex);
            writer.Write((ulong)successors.Length);
            for (var i = 0; i < successors.Length; i++)
            {
                writer.Write(i == 0 ? ZigZag((long)successors[0] - vertex - 1) : (ulong)(successors[i] - successors[i - 1] - 1));
            }
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a structure written by <see cref="Encode"/>, in O(V + E).</summary>
    /// <exception cref="ArgumentException">The data is not a valid encoding; the message says what is wrong.</exception>
    public static Structure Decode(ReadOnlySpan<byte> data)
    {
        var reader = new VarintReader(data);
        for (var i = 0; i < Magic.Length; i++)
        {
            if (reader.ReadByte() != Magic[i])
            {
                throw Invalid(i == 3 ? "an unknown format version" : "no structure header");
            }
        }

        // Every vertex takes at least two bytes and every edge at least one: counts beyond the data are refused before allocating.
        var vertexCount = reader.ReadCount(data.Length / 2, "vertex count");
        var edgeCount = reader.ReadCount(data.Length, "edge count");
        var layerCount = reader.ReadCount(vertexCount, "layer count");
        if ((vertexCount == 0) != (layerCount == 0))
        {
            throw Invalid("a layer count that does not fit the vertex count");
        }

        var offsets = new int[vertexCount + 1];
        var successors = new int[edgeCount];
        var layerOf = new int[vertexCount];
        var layer = 0L;
        var written = 0;
        for (var vertex = 0; vertex < vertexCount; vertex++)
        {
            layer += UnZigZag(reader.ReadVarint());
            if (layer < 0 || layer >= layerCount)
            {
                throw Invalid($"layer {layer} for vertex {vertex}");
            }

            layerOf[vertex] = (int)layer;
            var degree = reader.ReadCount(edgeCount - written, "out-degree");
            long successor = vertex;
            for (var i = 0; i < degree; i++)
            {
                successor = i == 0 ? vertex + 1 + UnZigZag(reader.ReadVarint()) : successor + 1 + (long)Math.Min(reader.ReadVarint(), int.MaxValue);
                if (successor < 0 || successor >= vertexCount || successor == vertex)
                {
                    throw Invalid($"an edge {vertex} -> {successor}");
                }

                successors[written++] = (int)successor;
            }

            offsets[vertex + 1] = written;
        }

        if (written != edgeCount || !reader.AtEnd)
        {
            throw Invalid("a length that does not match its counts");
        }

        CheckLayers(offsets, successors, layerOf, layerCount);
        return new Structure(Adjacency.FromTrustedCsr(offsets, successors), LayerIndex.FromLayers(layerOf, layerCount));
    }

    /// <summary>Packs <paramref name="bytes"/> (an encoding) two to a UTF-16 code unit, low byte first; an odd last byte is padded with zero.</summary>
    public static string Pack(byte[] bytes)
    {
        Guard.NotNull(bytes, nameof(bytes));
        var chars = new char[(bytes.Length + 1) / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            var low = bytes[2 * i];
            var high = (2 * i) + 1 < bytes.Length ? bytes[(2 * i) + 1] : (byte)0;
            chars[i] = (char)(low | (high << 8));
        }

        return new string(chars);
    }

    /// <summary>Unpacks the first <paramref name="length"/> bytes of <paramref name="packed"/> (written by <see cref="Pack"/>) and decodes the structure.</summary>
    /// <exception cref="ArgumentException">The data is shorter than <paramref name="length"/> or not a valid encoding.</exception>
    public static Structure DecodePacked(string packed, int length)
    {
        Guard.NotNull(packed, nameof(packed));
        if (length < 0 || (length + 1L) / 2 > packed.Length)
        {
            throw new ArgumentException($"The packed structure holds {packed.Length * 2L} bytes, fewer than the {length} expected.", nameof(length));
        }

        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            var unit = packed[i / 2];
            bytes[i] = (byte)((i & 1) == 0 ? unit : unit >> 8);
        }

        return Decode(bytes);
    }

    /// <summary>Every edge rises a layer, and a vertex sits exactly one layer above its highest predecessor (0 without one).</summary>
    private static void CheckLayers(int[] offsets, int[] successors, int[] layerOf, int layerCount)
    {
        var highestPredecessorLayer = new int[layerOf.Length];
        highestPredecessorLayer.AsSpan().Fill(-1);
        for (var source = 0; source < layerOf.Length; source++)
        {
            for (var i = offsets[source]; i < offsets[source + 1]; i++)
            {
                var target = successors[i];
                if (layerOf[target] <= layerOf[source])
                {
                    throw Invalid($"the edge {source} -> {target} does not rise a layer");
                }

                highestPredecessorLayer[target] = Math.Max(highestPredecessorLayer[target], layerOf[source]);
            }
        }

        var seen = new bool[layerCount];
        for (var vertex = 0; vertex < layerOf.Length; vertex++)
        {
            if (layerOf[vertex] != highestPredecessorLayer[vertex] + 1)
            {
                throw Invalid($"layer {layerOf[vertex]} for vertex {vertex}, whose predecessors put it in layer {highestPredecessorLayer[vertex] + 1}");
            }

            seen[layerOf[vertex]] = true;
        }

        if (Array.IndexOf(seen, false) >= 0)
        {
            throw Invalid("an empty layer");
        }
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    internal static ArgumentException Invalid(string what) =>
        new($"The data is not a valid Deepstruct structure encoding: it has {what}.", DataParameter);

    private sealed class VarintWriter(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(capacity, 16)];
        private int _length;

        public void WriteBytes(byte[] bytes)
        {
            foreach (var b in bytes)
            {
                Append(b);
            }
        }

        public void Write(ulong value)
        {
            while (value >= 0x80)
            {
                Append((byte)(value | 0x80));
                value >>= 7;
            }

            Append((byte)value);
        }

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        private void Append(byte value)
        {
            if (_length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _buffer[_length++] = value;
        }
    }

    private ref struct VarintReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte ReadByte()
        {
            if (_position >= _data.Length)
            {
                throw Invalid("fewer bytes than its counts require");
            }

            return _data[_position++];
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = ReadByte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw Invalid("a number longer than 64 bits");
        }

        public int ReadCount(long maximum, string what)
        {
            var value = ReadVarint();
            if (value > (ulong)Math.Max(0, maximum))
            {
                throw Invalid($"a {what} of {value}, more than the data can hold");
            }

            return (int)value;
        }
    }
}
