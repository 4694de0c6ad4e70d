using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>Recomputing a DAN's masks from magnitudes never unmasks a weight that is no edge of its structure.</summary>
public class RecomputeMaskStructureTests
{
    // Layer {0, 1} to layer {2, 3}: two of the four main-map entries are edges; 1 -> 4 skips a layer.
    private static Structure Sparse() => Structure.Create(5, new[] { new Edge(0, 3), new Edge(1, 2), new Edge(2, 4), new Edge(1, 4) });

    [Fact]
    public void Recomputing_a_dan_mask_with_theta_zero_keeps_non_edges_masked()
    {
        torch.manual_seed(81);
        using var model = new MaskedDeepDan(3, 2, Sparse());
        var edges = model.MainMaps.Concat(model.SkipMaps).Sum(map => map.WeightCount);

        model.RecomputeMask(0);

        Assert.Equal(edges, model.MainMaps.Concat(model.SkipMaps).Sum(map => map.WeightCount));
        Assert.Equal(new[] { false, true, true, false }, model.MainMaps[0].Mask.data<bool>().ToArray());
        model.CheckMasksFollowStructure();
    }

    [Fact]
    public void Recomputing_one_map_view_with_theta_zero_keeps_its_non_edges_masked()
    {
        torch.manual_seed(82);
        using var model = new MaskedDeepDan(3, 2, Sparse());
        var map = model.MainMaps[0];

        map.RecomputeMask(0);

        Assert.Equal(new[] { false, true, true, false }, map.Mask.data<bool>().ToArray());
        Assert.Equal(2, map.WeightCount);
    }

    [Fact]
    public void Recomputing_a_dan_mask_still_masks_small_edges()
    {
        torch.manual_seed(83);
        using var model = new MaskedDeepDan(3, 2, Sparse());
        var map = model.MainMaps[0];
        using (torch.no_grad())
        {
            map.weight.fill_(0.5);
            map.weight[0, 1] = torch.tensor(0.0001f);
        }

        model.RecomputeMask(0.001);

        // Entry (0, 1) is an edge (vertex 1 -> 2) below theta; (1, 0) is the other edge (0 -> 3).
        Assert.Equal(new[] { false, false, true, false }, map.Mask.data<bool>().ToArray());
    }
}

/// <summary>A map view's mask can prune its structure's edges, never add a connection.</summary>
public class MapViewMaskStructureTests
{
    [Fact]
    public void Setting_a_map_view_mask_wider_than_the_structure_is_refused_naming_the_connection()
    {
        using var model = new MaskedDeepDan(3, 2, Structure.Create(4, new[] { new Edge(0, 3), new Edge(1, 2) }));
        var map = model.MainMaps[0];
        using var everything = torch.ones(2, 2, dtype: ScalarType.Bool);

        var error = Assert.Throws<ArgumentException>(() => map.Mask = everything);

        Assert.Contains("row 0, column 0", error.Message);
        Assert.Contains("from vertex 0 to vertex 2", error.Message);
        Assert.Equal(new[] { false, true, true, false }, map.Mask.data<bool>().ToArray());
    }

    [Fact]
    public void Setting_a_map_view_mask_that_prunes_an_edge_is_taken()
    {
        using var model = new MaskedDeepDan(3, 2, Structure.Create(4, new[] { new Edge(0, 3), new Edge(1, 2) }));
        var map = model.MainMaps[0];
        using var pruned = torch.tensor(new[] { false, true, false, false }, new long[] { 2, 2 });

        map.Mask = pruned;

        Assert.Equal(1, map.WeightCount);
    }
}
