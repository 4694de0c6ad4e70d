using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>A DAN refuses a checkpoint whose masks are wider than its structure, and takes a pruned one.</summary>
public class CheckpointStructureTests
{
    // Both wire layer {0, 1} to layer {2, 3} with two edges: masks of the same shape, crossed wiring.
    private static Structure Straight() => Structure.Create(4, new[] { new Edge(0, 2), new Edge(1, 3) });

    private static Structure Crossed() => Structure.Create(4, new[] { new Edge(0, 3), new Edge(1, 2) });

    [Fact]
    public void Loading_a_dan_checkpoint_of_another_structure_is_refused_naming_the_mask_and_connection()
    {
        torch.manual_seed(71);
        using var other = new MaskedDeepDan(3, 2, Straight());
        using var model = new MaskedDeepDan(3, 2, Crossed());
        var path = TempPath();
        try
        {
            other.save(path);

            var error = Assert.ThrowsAny<ArgumentException>(() => model.load(path));

            Assert.Contains("'map_masks'", error.Message);
            Assert.Contains("main_maps.0", error.Message);
            Assert.Contains("row 0, column 0", error.Message);
            Assert.Contains("from vertex 0 to vertex 2", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_refused_checkpoint_leaves_the_model_as_it_was()
    {
        torch.manual_seed(72);
        using var other = new MaskedDeepDan(3, 2, Straight());
        using var model = new MaskedDeepDan(3, 2, Crossed());
        var before = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.clone());

        Assert.ThrowsAny<ArgumentException>(() => model.load_state_dict(other.state_dict()));

        foreach (var (key, value) in model.state_dict())
        {
            TensorAssert.Identical(before[key], value);
        }
    }

    [Fact]
    public void A_pruned_checkpoint_of_the_same_structure_loads()
    {
        torch.manual_seed(73);
        using var pruned = new MaskedDeepDan(3, 2, Crossed());
        using (var narrower = torch.tensor(new[] { false, true, false, false }, new long[] { 2, 2 }))
        {
            pruned.MainMaps[0].Mask = narrower;
        }

        pruned.ApplyMask();
        using var model = new MaskedDeepDan(3, 2, Crossed());
        var path = TempPath();
        try
        {
            pruned.save(path);

            model.load(path);

            TensorAssert.Identical(pruned.MainMaps[0].Mask, model.MainMaps[0].Mask);
            Assert.Equal(1, model.MainMaps[0].WeightCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_dan_checkpoint_with_a_skip_map_of_another_wiring_is_refused_at_the_skip_map()
    {
        // Same layers ({0}, {1}, {2, 3}) and maps; the skip edge from vertex 0 goes to 2 in one, to 3 in the other.
        var skipToTwo = Structure.Create(4, new[] { new Edge(0, 1), new Edge(1, 3), new Edge(1, 2), new Edge(0, 2) });
        var skipToThree = Structure.Create(4, new[] { new Edge(0, 1), new Edge(1, 3), new Edge(1, 2), new Edge(0, 3) });
        torch.manual_seed(74);
        using var other = new MaskedDeepDan(2, 2, skipToTwo);
        using var model = new MaskedDeepDan(2, 2, skipToThree);

        var error = Assert.ThrowsAny<ArgumentException>(() => model.load_state_dict(other.state_dict()));

        Assert.Contains("skip_maps.0", error.Message);
        Assert.Contains("from vertex 0 to vertex 2", error.Message);
    }

    [Fact]
    public void Rewinding_a_dan_whose_mask_was_widened_beyond_its_structure_is_refused()
    {
        torch.manual_seed(75);
        using var model = new MaskedDeepDan(3, 2, Crossed());
        using var snapshot = WeightSnapshot.Take(model);
        using (var everything = torch.ones(2, 2, dtype: ScalarType.Bool))
        {
            // Written in place: the view's setter refuses a wider mask, its storage cannot.
            model.MainMaps[0].Mask.copy_(everything);
        }

        var error = Assert.Throws<ArgumentException>(() => snapshot.Rewind(model));

        Assert.Equal("model", error.ParamName);
        Assert.Contains("'map_masks'", error.Message);
        Assert.Contains("from vertex 0 to vertex 2", error.Message);
    }

    [Fact]
    public void CheckMasksFollowStructure_names_the_mask_by_its_key_inside_a_container()
    {
        torch.manual_seed(76);
        using var container = new Container(new MaskedDeepDan(3, 2, Crossed()));
        using var snapshot = WeightSnapshot.Take(container);
        using (var everything = torch.ones(2, 2, dtype: ScalarType.Bool))
        {
            // Written in place: the view's setter refuses a wider mask, its storage cannot.
            container.Dan.MainMaps[0].Mask.copy_(everything);
        }

        var error = Assert.Throws<ArgumentException>(() => snapshot.Rewind(container));

        Assert.Contains("'dan.map_masks'", error.Message);
        Assert.Throws<InvalidOperationException>(container.Dan.CheckMasksFollowStructure);
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), $"deepstruct-{Guid.NewGuid():N}.bin");

    private sealed class Container : nn.Module<Tensor, Tensor>
    {
        private readonly MaskedDeepDan dan;

        public Container(MaskedDeepDan dan)
            : base(nameof(Container))
        {
            this.dan = dan;
            RegisterComponents();
        }

        public MaskedDeepDan Dan => dan;

        public override Tensor forward(Tensor input) => dan.call(input);
    }
}
