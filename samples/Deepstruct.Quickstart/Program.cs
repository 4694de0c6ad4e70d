using Deepstruct;
using Deepstruct.Data;
using Deepstruct.Graphs;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// Quickstart: a network wired like a random DAG learns a function of eight inputs.

// Tiny tensors: extra libtorch threads only add synchronization.
torch.set_num_threads(1);
torch.manual_seed(1);

// 1. A structure prior: a random DAG (each pair i < j an edge i -> j with probability 0.1), in layers.
var graph = LayeredGraph.LoadFrom(GraphFamilies.RandomDag(n: 64, p: 0.1, seed: 1));
AnsiConsole.MarkupLine($"[bold]Structure[/]: random_dag(64, 0.1), {graph.VertexCount} vertices, {graph.EdgeCount} edges, {graph.NumLayers} layers of sizes {string.Join(" ", graph.Layers.Select(graph.GetLayerSize))}");

// 2. A masked network wired like it: one neuron per vertex, one weight per edge.
using var model = new MaskedDeepDan(8, 1, graph, useLayerNorm: true, activation: Activation.Tanh);
var weights = model.MaskableLayers().Sum(layer => layer.Mask.sum().item<long>());
AnsiConsole.MarkupLine($"[bold]Model[/]: 8 -> {graph.VertexCount} neurons -> 1, {model.MainMaps.Count} main maps, {model.SkipMaps.Count} skip maps, {weights} unmasked weights");

// 3. Artificial data: inputs uniform in [-1, 1), targets a fixed function of them.
static Tensor Target(Tensor x) => (sin(3 * x[0]) * x[1] + x[2] * x[3] - x[4].square() + 0.5 * x[5]).unsqueeze(0);
using var train = new FunctionalDataset(Target, size: 2048, inputShape: new long[] { 8 }, seed: 1);
using var test = new FunctionalDataset(Target, size: 512, inputShape: new long[] { 8 }, seed: 2);
var meanPredictorLoss = test.Targets.var(unbiased: false).item<float>();

// 4. Train with Adam on mini-batches; the masked weights stay exactly zero.
using var optimizer = new MaskPreservingOptimizer(optim.Adam(model.parameters(), lr: 0.01), model);
using var loader = new TorchSharp.Modules.DataLoader(train, batchSize: 64, shuffle: true, seed: 1, disposeDataset: false);
const int epochs = 15;
var losses = new List<(int Epoch, float Train, float Test)> { (0, float.NaN, TestLoss()) };

AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
    .Start(context =>
    {
        var task = context.AddTask("training", maxValue: epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            double sum = 0;
            var batches = 0;
            model.train();
            foreach (var batch in loader)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.call(batch[FunctionalDataset.InputKey]), batch[FunctionalDataset.TargetKey]);
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                batches++;
                foreach (var tensor in batch.Values)
                {
                    tensor.Dispose();
                }
            }

            losses.Add((epoch, (float)(sum / batches), TestLoss()));
            task.Description = $"epoch {epoch}/{epochs}, test loss {losses[^1].Test:F4}";
            task.Increment(1);
        }
    });

var table = new Table().AddColumns("epoch", "train loss", "test loss", "vs. mean predictor");
foreach (var (epoch, trainLoss, testLoss) in losses)
{
    table.AddRow(epoch.ToString(), float.IsNaN(trainLoss) ? "-" : trainLoss.ToString("F4"), testLoss.ToString("F4"), $"{testLoss / meanPredictorLoss:P0}");
}

AnsiConsole.Write(table);
var improved = losses[^1].Test < losses[0].Test / 2;
AnsiConsole.MarkupLine(improved
    ? $"[green]The test loss went down from {losses[0].Test:F4} to {losses[^1].Test:F4}[/] (a mean predictor scores {meanPredictorLoss:F4})."
    : $"[red]The test loss did not go down enough: {losses[0].Test:F4} -> {losses[^1].Test:F4}.[/]");
return improved ? 0 : 1;

float TestLoss()
{
    using var scope = NewDisposeScope();
    using var noGrad = no_grad();
    model.eval();
    return nn.functional.mse_loss(model.call(test.Inputs), test.Targets).item<float>();
}
