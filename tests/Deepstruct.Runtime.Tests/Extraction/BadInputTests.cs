using Deepstruct.Extraction;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Extraction;

public sealed class BadInputTests
{
    [Fact]
    public void A_random_input_of_the_wrong_shape_names_the_module_that_refused_it()
    {
        using var ffn = new MaskedDeepFfn(784, 10, new[] { 100 });
        using var input = randn(1, 28, 27);

        var error = Assert.Throws<GraphExtractionException>(() => new GraphTransform(input).Transform(ffn));

        Assert.Equal("MaskedDeepFfn", error.ModuleType);
        Assert.Contains("[1, 28, 27]", error.Message);
        Assert.Contains("the model (MaskedDeepFfn)", error.Message);
    }

    [Fact]
    public void A_random_input_without_a_batch_of_one_is_refused()
    {
        using var input = randn(2, 784);

        var error = Assert.Throws<ArgumentException>(() => new GraphTransform(input));

        Assert.Equal("randomInput", error.ParamName);
        Assert.Contains("[2, 784]", error.Message);
    }

    [Fact]
    public void An_unsupported_module_is_named_with_its_path_and_kind()
    {
        using var cnn = nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(18, 2));
        using var input = randn(1, 1, 8, 8);

        var error = Assert.Throws<GraphExtractionException>(() => new GraphTransform(input).Transform(cnn));

        Assert.Equal("1", error.ModulePath);
        Assert.Equal("MaxPool2d", error.ModuleType);
        Assert.Contains("'1' (MaxPool2d)", error.Message);
        Assert.Contains("no extraction rule", error.Message);
    }

    [Fact]
    public void An_unsupported_module_can_be_skipped_with_a_visible_warning()
    {
        using var cnn = nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(18, 2));
        using var input = randn(1, 1, 8, 8);
        var reported = new List<string>();
        var transform = new GraphTransform(input, new GraphTransformOptions { UnsupportedModules = UnsupportedModuleHandling.SkipWithWarning, OnWarning = reported.Add });

        var graph = transform.Transform(cnn);

        var warning = Assert.Single(transform.Warnings);
        Assert.Equal(warning, Assert.Single(reported));
        Assert.Contains("'1' (MaxPool2d)", warning);
        Assert.Equal(new[] { 64, 72, 18, 2 }, graph.Layers.Select(graph.GetLayerSize));
        Assert.Empty(graph.InEdges(64 + 72)); // the pooled layer starts without edges
    }

    [Fact]
    public void Exceeding_a_limit_is_refused_before_building_naming_the_largest_contributor()
    {
        using var ffn = new MaskedDeepFfn(784, 10, new[] { 200, 100 });
        using var input = randn(1, 784);
        var transform = new GraphTransform(input, new GraphTransformOptions { MaxEdges = 100_000 });

        var error = Assert.Throws<GraphExtractionException>(() => transform.Transform(ffn));

        Assert.Contains("177,800 edges", error.Message);
        Assert.Contains("limit of 100,000", error.Message);
        Assert.Contains("'layers.0' (MaskedLinear)", error.Message);
    }

    [Fact]
    public void A_functional_step_between_modules_that_changes_the_size_is_named()
    {
        using var model = new PoolsBetweenLayers();
        using var input = randn(1, 1, 6, 6);

        var error = Assert.Throws<GraphExtractionException>(() => new GraphTransform(input).Transform(model));

        Assert.Equal("fc", error.ModulePath);
        Assert.Contains("its input has 9 values but the layer before it has 36 neurons", error.Message);
    }

    private sealed class PoolsBetweenLayers : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Conv2d conv = nn.Conv2d(1, 1, 3, padding: 1);
        private readonly TorchSharp.Modules.Linear fc = nn.Linear(9, 2);

        public PoolsBetweenLayers()
            : base(nameof(PoolsBetweenLayers)) => RegisterComponents();

        public override Tensor forward(Tensor input) =>
            fc.call(nn.functional.max_pool2d(conv.call(input), 2).flatten(1));
    }
}
