using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class StructureEncodingTests
{
    [Fact]
    public void Families_round_trip()
    {
        foreach (var s in new[]
        {
            StructureFamilies.BalancedTree(2, 6), StructureFamilies.Grid2D(5, 9), StructureFamilies.Complete(12),
            StructureFamilies.WattsStrogatz(500, 6, 0.4, 3), StructureFamilies.BarabasiAlbert(200, 3, 1), new StructureBuilder().Build(),
        })
        {
            var decoded = StructureEncoding.Decode(StructureEncoding.Encode(s));
            Assert.Equal(s.Edges, decoded.Edges);
            Assert.Equal(s.Layers.LayerOfVertex.ToArray(), decoded.Layers.LayerOfVertex.ToArray());
        }
    }

    [Fact]
    public void A_local_million_edge_small_world_takes_under_two_bytes_per_edge()
    {
        var s = StructureFamilies.WattsStrogatz(100_000, 20, 0.1, 1);
        Assert.Equal(1_000_000, s.EdgeCount);
        var bytes = StructureEncoding.Encode(s);
        Assert.True(bytes.Length < 2 * s.EdgeCount, $"{bytes.Length} bytes for {s.EdgeCount} edges");
    }

    [Fact]
    public void Damaged_data_is_refused_with_an_argument_exception_never_anything_else()
    {
        var valid = StructureEncoding.Encode(StructureFamilies.WattsStrogatz(60, 4, 0.5, 2));
        var random = new DeterministicRandom(17);
        var refused = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var damaged = (byte[])valid.Clone();
            switch (trial % 3)
            {
                case 0:
                    damaged[random.NextInt(damaged.Length)] ^= (byte)(1 << random.NextInt(8));
                    break;
                case 1:
                    Array.Resize(ref damaged, random.NextInt(damaged.Length));
                    break;
                default:
                    damaged = Enumerable.Range(0, random.NextInt(64)).Select(_ => (byte)random.NextInt(256)).ToArray();
                    break;
            }

            try
            {
                var decoded = StructureEncoding.Decode(damaged);
                Assert.All(decoded.Edges, e => Assert.True(decoded.LayerOf(e.Target) > decoded.LayerOf(e.Source)));
            }
            catch (ArgumentException exception)
            {
                Assert.Equal("data", exception.ParamName);
                refused++;
            }
        }

        Assert.True(refused > 15_000, $"only {refused} refused");
    }

    [Fact]
    public void A_wrong_header_or_inconsistent_layers_are_named()
    {
        Assert.Contains("no structure header", Assert.Throws<ArgumentException>(() => StructureEncoding.Decode(new byte[] { 1, 2, 3, 4 })).Message);
        var bytes = StructureEncoding.Encode(StructureFamilies.Path(3));
        bytes[3] = 9;
        Assert.Contains("format version", Assert.Throws<ArgumentException>(() => StructureEncoding.Decode(bytes)).Message);
    }

    [Fact]
    public void Packed_encodings_of_odd_and_even_length_decode_to_the_same_structure()
    {
        foreach (var s in new[] { StructureFamilies.Path(1), StructureFamilies.Path(2), StructureFamilies.Grid2D(3, 4), StructureFamilies.WattsStrogatz(40, 4, 0.3, 5) })
        {
            var bytes = StructureEncoding.Encode(s);
            var packed = StructureEncoding.Pack(bytes);
            Assert.Equal((bytes.Length + 1) / 2, packed.Length);
            var decoded = StructureEncoding.DecodePacked(packed, bytes.Length);
            Assert.Equal(s.Edges, decoded.Edges);
            Assert.Equal(s.Layers.LayerOfVertex.ToArray(), decoded.Layers.LayerOfVertex.ToArray());
        }
    }

    [Fact]
    public void A_packed_encoding_shorter_than_its_length_is_refused_naming_the_length()
    {
        var bytes = StructureEncoding.Encode(StructureFamilies.Path(5));
        var packed = StructureEncoding.Pack(bytes);
        Assert.Equal("length", Assert.Throws<ArgumentException>(() => StructureEncoding.DecodePacked(packed, (packed.Length * 2) + 1)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentException>(() => StructureEncoding.DecodePacked(packed, -1)).ParamName);
    }
}
