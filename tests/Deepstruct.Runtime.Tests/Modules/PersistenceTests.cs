using Deepstruct.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

public class PersistenceTests
{
    [Fact]
    public void Save_then_load_into_a_fresh_module_gives_identical_outputs_and_masks()
    {
        var structure = TrainingTests.ThreeLayers();
        torch.manual_seed(61);
        using var original = new MaskedDeepDan(new long[] { 2, 3 }, 4, structure, new DanOptions { LayerNorm = true });
        original.RecomputeMask(0.15);
        original.ApplyMask();
        var path = Path.Combine(Path.GetTempPath(), $"deepstruct-{Guid.NewGuid():N}.bin");
        try
        {
            original.save(path);
            torch.manual_seed(62);
            using var loaded = new MaskedDeepDan(new long[] { 2, 3 }, 4, structure, new DanOptions { LayerNorm = true });
            using var input = torch.randn(5, 2, 3);
            using (var before = loaded.call(input))
            using (var reference = original.call(input))
            {
                Assert.False(before.eq(reference).all().item<bool>(), "a fresh module should differ before loading");
            }

            loaded.load(path);

            using var expected = original.call(input);
            using var actual = loaded.call(input);
            TensorAssert.Identical(expected, actual);
            foreach (var (saved, restored) in original.MaskableLayers().Zip(loaded.MaskableLayers()))
            {
                TensorAssert.Identical(saved.Mask, restored.Mask);
                TensorAssert.Identical(saved.Weight, restored.Weight);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void To_float64_keeps_masks_bool_and_in_the_state_dict()
    {
        torch.manual_seed(63);
        using var model = new MaskedDeepFfn(4, 2, new[] { 3 });
        using var mask = torch.tensor(new[] { true, false, true, true, false, true, true, false, true, false, true, true }, new long[] { 3, 4 });
        model.Layers[0].Mask = mask;
        model.ApplyMask();

        model.to(ScalarType.Float64);

        var state = model.state_dict();
        foreach (var (layer, index) in model.Layers.Select((l, i) => (l, i)))
        {
            Assert.Equal(ScalarType.Float64, layer.weight.dtype);
            Assert.Equal(ScalarType.Bool, layer.Mask.dtype);
            var key = $"layers.{index}.mask";
            Assert.True(state.ContainsKey(key), $"state_dict lacks {key}");
            Assert.Equal(layer.Mask.Handle, state[key].Handle);
            Assert.Equal(layer.weight.Handle, state[$"layers.{index}.weight"].Handle);
        }

        TensorAssert.Identical(mask, model.Layers[0].Mask);
        Assert.Equal(0L, TensorAssert.NonzerosAtMaskedPositions(model.Layers[0].weight, model.Layers[0].Mask));
        using var input = torch.randn(2, 4, dtype: ScalarType.Float64);
        using var output = model.call(input);
        Assert.Equal(ScalarType.Float64, output.dtype);

        // The mask still acts after the move: changing it in place changes the function.
        using var none = torch.zeros(3, 4, dtype: ScalarType.Bool);
        model.Layers[0].Mask = none;
        using var silenced = model.call(input);
        using var bias = model.Layers[0].bias!.relu().unsqueeze(0).expand(2, 3);
        using var expected = torch.nn.functional.linear(bias, model.Layers[1].weight, model.Layers[1].bias);
        Assert.True(silenced.allclose(expected));
    }
}
