using System.Reflection;
using Deepstruct.Generators.Tests.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// A generated model is pruned by neurons and compacted like the runtime model it derives from; the
/// compacted model is of the runtime kind and computes the pruned generated model's function.
/// </summary>
public class CompactionOfGeneratedModelsTests
{
    private const string Text = """
        namespace Compacting;
        structure Skippy { block a[3], b[3], c[2]; vertex d, e; a[0..1] -> b[0]; a[1] -> b[1]; a[2] -> b[2]; a[0] -> c[0]; b -> c[0]; b[1..2] -> c[1]; a[2] -> c[1]; c -> d; c[1] -> e; a[1] -> d; b[0] -> e; }
        model SkipNet : dan { input 2x3; output 3; structure Skippy; activation tanh; }
        model WorldNet : dan { input 5; output 2; structure watts_strogatz(n: 24, k: 4, p: 0.5, seed: 3); }
        model Mnist : ffn { input 1x4x4; hidden 20, 10; output 3; activation gelu; }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var (result, output) = GeneratorHarness.RunFile("/p/compacting.dsnet", Text);
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.Load(output);
    });

    private static T Create<T>(string name) => (T)Activator.CreateInstance(Generated.Value.GetType("Compacting." + name, throwOnError: true)!)!;

    [Theory]
    [InlineData("SkipNet", ScalarType.Float32)]
    [InlineData("SkipNet", ScalarType.Float64)]
    [InlineData("WorldNet", ScalarType.Float32)]
    [InlineData("WorldNet", ScalarType.Float64)]
    public void A_compacted_generated_dan_is_a_runtime_dan_with_the_pruned_models_function(string name, ScalarType dtype)
    {
        torch.manual_seed(2);
        using var model = Create<MaskedDeepDan>(name);
        model.to(dtype);
        NeuronPruning.Prune(model, 30);
        Pruning.PruneNetworkBySaliency(model, 40);

        var result = Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(typeof(MaskedDeepDan), compacted.GetType());
        Assert.StartsWith($"compacted {name} into MaskedDeepDan", result.ToString(), StringComparison.Ordinal);
        AssertSameFunction(model, compacted, torch.randn([16, .. model.InputShape], dtype: dtype));
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void A_compacted_generated_ffn_is_a_runtime_ffn_with_the_pruned_models_function(ScalarType dtype)
    {
        torch.manual_seed(3);
        using var model = Create<MaskedDeepFfn>("Mnist");
        model.to(dtype);
        NeuronPruning.Prune(model, 50, saliency: NeuronSaliency.Magnitude(NeuronWeights.Incoming, NeuronNorm.L1), scope: PruningScope.PerLayer);

        var result = Compaction.Compact(model);
        using var compacted = result.Model;

        Assert.Equal(typeof(MaskedDeepFfn), compacted.GetType());
        Assert.Equal([10, 5], compacted.HiddenSizes);
        AssertSameFunction(model, compacted, torch.randn([16, 1, 4, 4], dtype: dtype));
    }

    private static void AssertSameFunction(nn.Module<Tensor, Tensor> expected, nn.Module<Tensor, Tensor> actual, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var want = expected.call(input);
        var got = actual.call(input);
        var difference = want.sub(got).abs().max().ToDouble();
        var scale = want.abs().max().ToDouble();
        var tolerance = want.dtype == ScalarType.Float64 ? 1e-12 : 1e-5;
        Assert.True(difference <= tolerance * scale, $"The outputs differ by {difference} at a scale of {scale}.");
    }
}
