using Deepstruct;
using Deepstruct.Binding;
using Deepstruct.Data;
using Deepstruct.Export;
using Deepstruct.Extraction;
using TorchSharp;
using static TorchSharp.torch;

// Extraction round trip: train a small network, prune it, extract its neuron graph, write it as
// .dsnet, DOT and GraphML, and compile the .dsnet into a new model wired like the pruned one.
// Usage: dotnet run --project samples/Deepstruct.ExtractionSample [output directory]

torch.set_num_threads(1); // tiny tensors: more threads only add synchronization
torch.manual_seed(1);
var outputDirectory = Directory.CreateDirectory(args.Length > 0 ? args[0] : "extraction-output").FullName;

static Tensor Target(Tensor x) => (x[0] * x[1] - x[2].square() + 0.5 * x[3]).unsqueeze(0);
using var data = new FunctionalDataset(Target, size: 1024, inputShape: new long[] { 8 }, seed: 1);

// 1. Train a feed-forward network 8 → 16 → 12 → 1 briefly (full batch).
using var model = new MaskedDeepFfn(8, 1, new[] { 16, 12 });
Console.WriteLine($"trained:  loss {Train(model, 150):F4}");

// 2. Prune: in every layer, mask the 40 % of weights with the smallest magnitude.
foreach (var layer in model.Layers)
{
    using var magnitudes = layer.weight.detach().abs().flatten();
    var cut = (long)(0.4 * magnitudes.numel());
    var theta = magnitudes.kthvalue(cut, 0).values.item<float>();
    layer.RecomputeMask(Math.BitIncrement(theta)); // masks |w| ≤ the cut-th smallest
    layer.ApplyMask();
}

var kept = model.Layers.Sum(layer => layer.WeightCount);
var total = model.Layers.Sum(layer => layer.Capacity);
Console.WriteLine($"pruned:   {kept} of {total} weights kept, loss {Loss(model):F4}; after fine-tuning {Train(model, 50):F4}");

// 3. Extract the neuron graph: input layer, hidden layers, output layer.
using var randomInput = randn(1, 8);
var graph = new GraphTransform(randomInput).Transform(model);
Console.WriteLine($"graph:    {graph.VertexCount} vertices, {graph.EdgeCount} edges, layers of {string.Join(", ", graph.Layers.Select(graph.GetLayerSize))}");

// 4. Write it: a .dsnet model over its hidden layers, the whole graph as DOT and GraphML.
var dsnetPath = Path.Combine(outputDirectory, "pruned.dsnet");
DsnetText.Save(dsnetPath, DsnetText.ToModelText(graph, "PrunedNet"));
GraphDot.Save(graph, Path.Combine(outputDirectory, "pruned.dot"), "pruned");
graph.Save(Path.Combine(outputDirectory, "pruned.graphml"));
Console.WriteLine($"written:  {dsnetPath} (+ pruned.dot, pruned.graphml)");

// 5. Compile the .dsnet and build a new model wired like the pruned network's hidden layers.
var compilation = DsnetCompiler.Compile(File.ReadAllText(dsnetPath));
foreach (var diagnostic in compilation.Diagnostics)
{
    Console.WriteLine($"  {diagnostic}");
}

var bound = compilation.Models.Single();
using var rebuilt = new MaskedDeepDan(bound.InputShape.ToArray(), bound.OutputSize, bound.Structure!);
var rebuiltWeights = rebuilt.MaskableLayers().Sum(layer => layer.WeightCount);
Console.WriteLine($"rebuilt:  {bound.Name} : dan, {bound.Structure!.VertexCount} hidden neurons in {bound.Structure.LayerCount} layers, "
    + $"{bound.Structure.EdgeCount} hidden edges, {rebuiltWeights} weights (input and output maps are dense)");
Console.WriteLine($"retrained from scratch: loss {Train(rebuilt, 150):F4}");
return 0;

double Train(nn.Module<Tensor, Tensor> network, int steps)
{
    using var optimizer = new MaskPreservingOptimizer(optim.Adam(network.parameters(), lr: 0.01), (MaskableModule)network);
    network.train();
    for (var step = 0; step < steps; step++)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        nn.functional.mse_loss(network.call(data.Inputs), data.Targets).backward();
        optimizer.step();
    }

    return Loss(network);
}

double Loss(nn.Module<Tensor, Tensor> network)
{
    using var scope = NewDisposeScope();
    using var noGradients = no_grad();
    network.eval();
    return nn.functional.mse_loss(network.call(data.Inputs), data.Targets).item<float>();
}
