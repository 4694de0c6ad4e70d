using System.Reflection;
using Deepstruct.Binding;
using Deepstruct.Generators.Tests.Infrastructure;
using TorchSharp;

namespace Deepstruct.Generators.Tests;

/// <summary>
/// A generated model and the same model built at run time from the same graph are the same
/// network: equal masks and layer sizes, and with copied weights equal outputs. The generated
/// code is compiled with warnings as errors and loaded into this process.
/// </summary>
public class ParityTests
{
    private const string Text = """
        namespace Parity;
        structure Blocks { block h[3], g[2]; vertex out; h -> g; g -> out; h[0] -> out; }
        structure Diamond { a -> b, c; b, c -> d; a -> d; }
        model BlockNet : dan { input 2x3; output 2; structure Blocks; layer_norm; activation tanh; bias false; }
        model WorldNet : dan { input 16; output 3; structure watts_strogatz(n: 30, k: 4, p: 0.5, seed: 7); }
        model DiamondNet : dan { input 4; output 2; structure Diamond; activation gelu; }
        model Mnist : ffn { input 1x4x4; hidden 20, 10; output 3; layer_norm; }
        model Cells : cell_dan { input 2x6x6; output 3; structure Diamond; }
        model Lstm : rnn { input 3; hidden 8, 6; cell lstm; batch_first; }
        model Relu : rnn { input 2; hidden 5; activation relu; }
        """;

    // cell_dan leaves each vertex's cell to the user: a convolution whose size depends on the spec,
    // recording the specs it was asked for.
    private const string CellFactory = """
        namespace Parity;
        public partial class Cells
        {
            public static readonly System.Collections.Generic.List<Deepstruct.CellSpec> Requested = new();

            private partial TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> CreateCell(Deepstruct.CellSpec cell)
            {
                Requested.Add(cell);
                return TorchSharp.torch.nn.Conv2d(cell.InChannels, 1, cell.IsInput ? 3 : 1, padding: cell.IsInput ? 1 : 0);
            }
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var (result, output) = GeneratorHarness.RunFile("/p/parity.dsnet", Text, CellFactory);
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.Load(output);
    });

    private static BoundModel Bound(string name) => DsnetCompiler.Compile(Text).Models.Single(model => model.Name == name);

    private static T Create<T>(string name) => (T)Activator.CreateInstance(Generated.Value.GetType("Parity." + name, throwOnError: true)!)!;

    private static object? Static(string model, string member) =>
        Generated.Value.GetType("Parity." + model + "+Spec", throwOnError: true)!.GetMember(member, BindingFlags.Public | BindingFlags.Static).Single() switch
        {
            PropertyInfo property => property.GetValue(null),
            FieldInfo field => field.GetValue(null),
            var other => throw new InvalidOperationException(other.ToString()),
        };

    [Theory]
    [InlineData("BlockNet")]
    [InlineData("WorldNet")]
    [InlineData("DiamondNet")]
    public void A_generated_dan_equals_the_runtime_dan_of_the_same_graph(string name)
    {
        var bound = Bound(name);
        torch.manual_seed(1);
        using var generated = Create<MaskedDeepDan>(name);
        using var runtime = new MaskedDeepDan(bound.InputShape.ToArray(), bound.OutputSize, bound.Structure!, bound.DanOptions);

        // The embedded structure decodes to the compiler's structure.
        var structure = (Deepstruct.Structures.Structure)Static(name, "Structure")!;
        Assert.Equal(bound.Structure!.Edges, structure.Edges);
        Assert.Equal(bound.Structure.VertexCount, structure.VertexCount);
        var sizes = Enumerable.Range(0, structure.LayerCount).Select(layer => structure.VerticesOf(layer).Length).ToArray();
        Assert.Equal(sizes, (IReadOnlyList<int>)Static(name, "LayerSizes")!);
        Assert.Equal(structure.LayerCount, (int)Static(name, "LayerCount")!);
        Assert.Equal((int)bound.InputSize, (int)Static(name, "InputSize")!);

        AssertSameNetwork(generated, runtime, bound.InputShape.ToArray());

        // Typed members are the runtime's maps.
        var type = generated.GetType();
        for (var k = 1; k < structure.LayerCount; k++)
        {
            Assert.Same(generated.MainMaps[k - 1], type.GetProperty("Main" + k)!.GetValue(generated));
        }

        foreach (var (skip, index) in generated.Plan.SkipMaps.Select((map, index) => (map, index)))
        {
            Assert.Same(generated.SkipMaps[index], type.GetProperty($"Skip{skip.SourceLayer}To{skip.TargetLayer}")!.GetValue(generated));
        }
    }

    [Fact]
    public void A_generated_ffn_equals_the_runtime_ffn()
    {
        var bound = Bound("Mnist");
        using var generated = Create<MaskedDeepFfn>("Mnist");
        using var runtime = new MaskedDeepFfn(bound.InputShape.ToArray(), bound.OutputSize, bound.HiddenSizes.ToArray(), bound.LayerNorm, bound.Activation, bound.Bias);

        AssertSameNetwork(generated, runtime, bound.InputShape.ToArray());
        Assert.Same(generated.Layers[0], generated.GetType().GetProperty("Hidden1")!.GetValue(generated));
        Assert.Same(generated.Layers[2], generated.GetType().GetProperty("OutputMap")!.GetValue(generated));
        Assert.Equal([20, 10], (IReadOnlyList<int>)Static("Mnist", "LayerSizes")!);
    }

    [Fact]
    public void A_generated_cell_dan_equals_the_runtime_cell_dan_with_the_same_cells()
    {
        var bound = Bound("Cells");
        var cellsType = Generated.Value.GetType("Parity.Cells", throwOnError: true)!;
        var requested = (List<CellSpec>)cellsType.GetField("Requested")!.GetValue(null)!;
        requested.Clear();
        using var generated = Create<DeepCellDan>("Cells");
        var generatedSpecs = requested.ToList();
        var runtimeSpecs = new List<CellSpec>();
        using var runtime = new DeepCellDan(bound.InputShape.ToArray(), bound.OutputSize, bound.Structure!, cell =>
        {
            runtimeSpecs.Add(cell);
            return torch.nn.Conv2d(cell.InChannels, 1, cell.IsInput ? 3 : 1, padding: cell.IsInput ? 1 : 0);
        });

        // One cell per vertex, asked for with the same specs in the same order.
        Assert.Equal(4, generatedSpecs.Count);
        Assert.Equal(runtimeSpecs, generatedSpecs);
        Assert.Equal(runtime.Cells.Count, generated.Cells.Count);
        AssertSameParameters(generated, runtime);

        runtime.load_state_dict(generated.state_dict());
        using var input = torch.randn([5, .. bound.InputShape]);
        using var expected = runtime.call(input);
        using var actual = generated.call(input);
        Assert.Equal([5L, 3L], actual.shape);
        Assert.True(expected.eq(actual).all().item<bool>());
    }

    [Theory]
    [InlineData("Lstm", new long[] { 5, 7, 3 }, RecurrentCell.Lstm, Activation.Tanh)]   // rnn's nonlinearity defaults to tanh
    [InlineData("Relu", new long[] { 7, 5, 2 }, RecurrentCell.Rnn, Activation.ReLU)]
    public void A_generated_rnn_equals_the_runtime_rnn(string name, long[] inputShape, RecurrentCell cell, Activation nonlinearity)
    {
        var bound = Bound(name);
        using var generated = Create<MaskedDeepRnn>(name);
        using var runtime = new MaskedDeepRnn((int)bound.InputSize, bound.HiddenSizes.ToArray(), cell, bound.BatchFirst, nonlinearity);

        Assert.Equal(bound.HiddenSizes, (IReadOnlyList<int>)Static(name, "LayerSizes")!);
        Assert.Equal((int)bound.InputSize, (int)Static(name, "InputSize")!);
        AssertSameParameters(generated, runtime);
        AssertSameNetwork(generated, runtime, inputShape[1..], inputShape[0]);
    }

    [Fact]
    public void Named_vertices_and_blocks_become_constants()
    {
        var vertices = Generated.Value.GetType("Parity.BlockNet+Vertices", throwOnError: true)!;

        Assert.Equal(0, vertices.GetField("h")!.GetValue(null));
        Assert.Equal(3, vertices.GetField("hLength")!.GetValue(null));
        Assert.Equal(3, vertices.GetField("g")!.GetValue(null));
        Assert.Equal(2, vertices.GetField("gLength")!.GetValue(null));
        Assert.Equal(5, vertices.GetField("out")!.GetValue(null));
    }

    private static void AssertSameParameters(torch.nn.Module generated, torch.nn.Module runtime)
    {
        var expected = runtime.named_parameters().Select(p => (p.name, string.Join("x", p.parameter.shape))).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, generated.named_parameters().Select(p => (p.name, string.Join("x", p.parameter.shape))).ToList());
    }

    private static void AssertSameNetwork(MaskableModule generated, MaskableModule runtime, long[] inputShape, long batch = 5)
    {
        var generatedLayers = generated.MaskableLayers().ToList();
        var runtimeLayers = runtime.MaskableLayers().ToList();
        Assert.Equal(runtimeLayers.Count, generatedLayers.Count);
        foreach (var (left, right) in generatedLayers.Zip(runtimeLayers))
        {
            Assert.Equal(right.Weight.shape, left.Weight.shape);
            Assert.True(right.Mask.eq(left.Mask).all().item<bool>());
        }

        // Same weights in, same outputs out.
        runtime.load_state_dict(generated.state_dict());
        using var input = torch.randn([batch, .. inputShape]);
        using var expected = ((torch.nn.Module<torch.Tensor, torch.Tensor>)runtime).call(input);
        using var actual = ((torch.nn.Module<torch.Tensor, torch.Tensor>)generated).call(input);
        Assert.True(expected.eq(actual).all().item<bool>());
    }
}
