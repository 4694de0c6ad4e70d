using Deepstruct.Structures;
using TorchSharp;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>A MaskedDeepDan built from each reference graph is wired exactly as the Python deepstruct wires it.</summary>
public class DanWiringParityTests
{
    public static TheoryData<string> Fixtures() => new(ReferenceFixture.Names());

    [Fact]
    public void All_reference_fixtures_are_present()
    {
        Assert.Equal(7, ReferenceFixture.Names().Count());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Layers_match_the_reference(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        var structure = fixture.ToStructure();

        Assert.Equal(fixture.Layers.Length, structure.LayerCount);
        for (var layer = 0; layer < fixture.Layers.Length; layer++)
        {
            Assert.Equal(fixture.Layers[layer], structure.VerticesOf(layer).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Masks_connect_exactly_the_reference_pairs(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        var structure = fixture.ToStructure();
        using var dan = new MaskedDeepDan(fixture.Input, fixture.Output, structure);

        Assert.Equal(new long[] { fixture.First[1], fixture.First[0] }, dan.InputMap.Mask.shape);
        Assert.True(dan.InputMap.Mask.all().item<bool>());
        Assert.Equal(new long[] { fixture.Out[1], fixture.Out[0] }, dan.OutputMap.Mask.shape);
        Assert.True(dan.OutputMap.Mask.all().item<bool>());

        Assert.Equal(fixture.Main.Length, dan.MainMaps.Count);
        foreach (var expected in fixture.Main)
        {
            Assert.Equal(expected.SourceLayer + 1, expected.TargetLayer);
            var index = expected.TargetLayer - 1;
            Assert.Equal(expected.SourceLayer, dan.Plan.MainMaps[index].SourceLayer);
            AssertWiring(expected, dan.MainMaps[index], structure);
        }

        var skipLayers = dan.Plan.SkipMaps.Select(m => (m.SourceLayer, m.TargetLayer)).ToList();
        Assert.Equal(fixture.Skip.Select(m => (m.SourceLayer, m.TargetLayer)).ToHashSet(), skipLayers.ToHashSet());
        Assert.Equal(fixture.Skip.Length, dan.SkipMaps.Count);
        foreach (var expected in fixture.Skip)
        {
            var index = skipLayers.IndexOf((expected.SourceLayer, expected.TargetLayer));
            AssertWiring(expected, dan.SkipMaps[index], structure);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Masked_weights_are_stored_as_exact_zeros_from_construction(string name)
    {
        var fixture = ReferenceFixture.Load(name);
        using var dan = new MaskedDeepDan(fixture.Input, fixture.Output, fixture.ToStructure());

        foreach (var layer in dan.MaskableLayers())
        {
            Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(layer.Weight, layer.Mask));
        }
    }

    private static void AssertWiring(FixtureMap expected, IMaskedWeight map, Structure structure)
    {
        Assert.Equal(expected.Shape, map.Mask.shape);
        var sources = structure.VerticesOf(expected.SourceLayer).ToArray();
        var targets = structure.VerticesOf(expected.TargetLayer).ToArray();
        using var nonzero = map.Mask.nonzero();
        var pairs = new HashSet<(int, int)>();
        for (var i = 0; i < nonzero.shape[0]; i++)
        {
            var row = (int)nonzero[i, 0].item<long>();
            var column = (int)nonzero[i, 1].item<long>();
            Assert.True(pairs.Add((sources[column], targets[row])));
        }

        Assert.Equal(expected.Pairs, pairs);
    }
}
