using Deepstruct;
using Deepstruct.Data;
using Deepstruct.Quickstart.Models;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// Quickstart: a network wired like a random DAG, declared in Models/Quickstart.dsnet, learns a
// function of eight inputs, beside a dense baseline of the same size declared by the [Dsnet] class at the end.

// Tiny tensors: extra libtorch threads only add synchronization.
torch.set_num_threads(1);
torch.manual_seed(1);

// 1. The generated class knows its structure at compile time: no graph algorithm runs here.
AnsiConsole.MarkupLine($"[bold]Structure[/]: random_dag(64, 0.1), {PriorNet.Spec.Structure.VertexCount} vertices, {PriorNet.Spec.Structure.EdgeCount} edges, "
    + $"{PriorNet.Spec.LayerCount} layers of sizes {string.Join(" ", PriorNet.Spec.LayerSizes)}");

// 2. The masked networks: one neuron per vertex and one weight per edge, and a dense one.
using var model = new PriorNet();
using var baseline = new DenseBaseline();
AnsiConsole.MarkupLine($"[bold]PriorNet[/]: {model.InputSize} -> {model.Structure.VertexCount} neurons -> {model.OutputSize}, "
    + $"{model.MainMaps.Count} main maps, {model.SkipMaps.Count} skip maps, {UnmaskedWeights(model)} unmasked weights "
    + $"(the first main map, layer 0 -> 1, has {model.Main1.Mask.sum().item<long>()})");
AnsiConsole.MarkupLine($"[bold]DenseBaseline[/]: {baseline.InputSize} -> {string.Join(" -> ", DenseBaseline.Spec.LayerSizes)} -> {baseline.OutputSize}, "
    + $"{UnmaskedWeights(baseline)} weights");

// 3. Artificial data: inputs uniform in [-1, 1), targets a fixed function of them.
static Tensor Target(Tensor x) => (sin(3 * x[0]) * x[1] + x[2] * x[3] - x[4].square() + 0.5 * x[5]).unsqueeze(0);
using var train = new FunctionalDataset(Target, size: 2048, inputShape: new long[] { PriorNet.Spec.InputSize }, seed: 1);
using var test = new FunctionalDataset(Target, size: 512, inputShape: new long[] { PriorNet.Spec.InputSize }, seed: 2);
var meanPredictorLoss = test.Targets.var(unbiased: false).item<float>();

// 4. Train both with Adam on the same mini-batches; masked weights stay exactly zero.
const int epochs = 15;
var losses = new List<(int Epoch, float Train, float Test, float Baseline)> { (0, float.NaN, TestLoss(model), TestLoss(baseline)) };
using var optimizer = new MaskPreservingOptimizer(optim.Adam(model.parameters(), lr: 0.01), model);
using var baselineOptimizer = new MaskPreservingOptimizer(optim.Adam(baseline.parameters(), lr: 0.01), baseline);
using var loader = new TorchSharp.Modules.DataLoader(train, batchSize: 64, shuffle: true, seed: 1, disposeDataset: false);

AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
    .Start(context =>
    {
        var task = context.AddTask("training", maxValue: epochs);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            double sum = 0;
            var batches = 0;
            foreach (var batch in loader)
            {
                using var scope = NewDisposeScope();
                var (inputs, targets) = (batch[FunctionalDataset.InputKey], batch[FunctionalDataset.TargetKey]);
                sum += Step(model, optimizer, inputs, targets);
                Step(baseline, baselineOptimizer, inputs, targets);
                batches++;
                foreach (var tensor in batch.Values)
                {
                    tensor.Dispose();
                }
            }

            losses.Add((epoch, (float)(sum / batches), TestLoss(model), TestLoss(baseline)));
            task.Description = $"epoch {epoch}/{epochs}, PriorNet test loss {losses[^1].Test:F4}";
            task.Increment(1);
        }
    });

var table = new Table().AddColumns("epoch", "PriorNet train loss", "PriorNet test loss", "vs. mean predictor", "DenseBaseline test loss");
foreach (var (epoch, trainLoss, testLoss, baselineLoss) in losses)
{
    table.AddRow(epoch.ToString(), float.IsNaN(trainLoss) ? "-" : trainLoss.ToString("F4"), testLoss.ToString("F4"), $"{testLoss / meanPredictorLoss:P0}", baselineLoss.ToString("F4"));
}

AnsiConsole.Write(table);
var improved = losses[^1].Test < losses[0].Test / 2;
AnsiConsole.MarkupLine(improved
    ? $"[green]PriorNet's test loss went down from {losses[0].Test:F4} to {losses[^1].Test:F4}[/] (a mean predictor scores {meanPredictorLoss:F4}; "
        + $"the dense baseline, with {UnmaskedWeights(baseline)} weights against {UnmaskedWeights(model)}, reached {losses[^1].Baseline:F4})."
    : $"[red]PriorNet's test loss did not go down enough: {losses[0].Test:F4} -> {losses[^1].Test:F4}.[/]");
return improved ? 0 : 1;

static float Step(nn.Module<Tensor, Tensor> network, MaskPreservingOptimizer optimizer, Tensor inputs, Tensor targets)
{
    network.train();
    optimizer.zero_grad();
    var loss = nn.functional.mse_loss(network.call(inputs), targets);
    loss.backward();
    optimizer.step();
    return loss.item<float>();
}

float TestLoss(nn.Module<Tensor, Tensor> network)
{
    using var scope = NewDisposeScope();
    using var noGrad = no_grad();
    network.eval();
    return nn.functional.mse_loss(network.call(test.Inputs), test.Targets).item<float>();
}

static long UnmaskedWeights(MaskableModule network) => network.MaskableLayers().Sum(layer => layer.Mask.sum().item<long>());

/// <summary>A dense feed-forward baseline with about as many weights as PriorNet, generated from the attribute's model.</summary>
[Dsnet("ffn { input 8; hidden 16, 8; output 1; activation tanh; layer_norm; }")]
internal sealed partial class DenseBaseline;
