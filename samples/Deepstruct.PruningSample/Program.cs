// Train, prune gradually, fine-tune, rewind: the pruning workflow of Deepstruct on a synthetic task.
// Run: dotnet run -c Release --project samples/Deepstruct.PruningSample
using System.Diagnostics;
using Deepstruct;
using TorchSharp;
using static TorchSharp.torch;

var clock = Stopwatch.StartNew();
torch.manual_seed(1);

// A 4-class task whose labels come from a fixed random teacher, so nothing is downloaded.
var (trainX, trainY) = TeacherData(examples: 4096, seed: 2);
var (testX, testY) = TeacherData(examples: 1024, seed: 3);

using var model = new MaskedDeepFfn(32, 4, new[] { 128, 64 });
using var initial = WeightSnapshot.Take(model, step: 0); // for rewinding (lottery ticket)

// 1. Train densely.
Train(model, steps: 150, pruning: null, "dense training");
var denseAccuracy = Accuracy(model);
Console.WriteLine($"dense: test accuracy {denseAccuracy:P1}");

// 2. Prune gradually to 90 % while training (Zhu & Gupta's cubic schedule), then fine-tune.
var schedule = new GradualPruningSchedule(initialSparsity: 0.0, finalSparsity: 0.9, startStep: 0, endStep: 200, frequency: 20);
Train(model, steps: 201, schedule, "gradual pruning");
Train(model, steps: 100, pruning: null, "fine-tuning");
var prunedAccuracy = Accuracy(model);
Console.WriteLine($"pruned to 90 % and fine-tuned: test accuracy {prunedAccuracy:P1}");
Console.WriteLine();
Console.WriteLine(MaskSummary.Of(model));

// 3. Rewind: the surviving weights go back to their initial values, the masks stay; retrain the ticket.
initial.Rewind(model);
Console.WriteLine($"rewound to step {initial.Step}: test accuracy {Accuracy(model):P1}");
Train(model, steps: 250, pruning: null, "retraining the rewound ticket");
var ticketAccuracy = Accuracy(model);
Console.WriteLine($"rewound ticket retrained: test accuracy {ticketAccuracy:P1}");
Console.WriteLine();

var summary = MaskSummary.Of(model);
Console.WriteLine(summary);
var zeros = model.MaskableLayers().All(layer =>
{
    using var masked = layer.Mask.logical_not();
    using var stored = layer.Weight.detach().masked_select(masked);
    return stored.count_nonzero().item<long>() == 0;
});
Console.WriteLine($"masked weights stored as exact zeros: {zeros}; elapsed {clock.Elapsed.TotalSeconds:F1} s");

// The sample fails (exit 1) if the workflow did not do what it says.
var ok = zeros && Math.Abs(summary.Sparsity - 0.9) < 0.001 && prunedAccuracy > denseAccuracy - 0.1;
return ok ? 0 : 1;

void Train(MaskedDeepFfn net, int steps, GradualPruningSchedule? pruning, string what)
{
    // A fresh optimizer per phase; the wrapper keeps masked weights at zero despite Adam's state.
    using var adam = torch.optim.Adam(net.parameters(), lr: 0.003);
    using var optimizer = new MaskPreservingOptimizer(adam, net);
    var generator = new torch.Generator(7);
    var loss = 0.0;
    for (var step = 0; step < steps; step++)
    {
        using var scope = torch.NewDisposeScope();
        var batch = torch.randint(0, trainX.shape[0], new long[] { 128 }, generator: generator);
        optimizer.zero_grad();
        var output = net.call(trainX.index_select(0, batch));
        var batchLoss = nn.functional.cross_entropy(output, trainY.index_select(0, batch));
        batchLoss.backward();
        optimizer.step();
        loss = batchLoss.item<float>();
        var pruned = pruning?.Step(net, step);
        if (pruned is not null && pruned.Pruned > 0)
        {
            Console.WriteLine($"  step {step,3}: pruned {pruned.Pruned,5} → sparsity {MaskSummary.Of(net).Sparsity:P1} (target {pruning!.TargetSparsity(step):P1}), loss {loss:F3}");
        }
    }

    Console.WriteLine($"{what}: {steps} steps, last batch loss {loss:F3}");
}

double Accuracy(MaskedDeepFfn net)
{
    using var scope = torch.NewDisposeScope();
    using var grad = torch.no_grad();
    var predicted = net.call(testX).argmax(1);
    return predicted.eq(testY).to_type(ScalarType.Float32).mean().item<float>();
}

static (Tensor Inputs, Tensor Labels) TeacherData(int examples, long seed)
{
    using var scope = torch.NewDisposeScope();
    var generator = new torch.Generator((ulong)seed);
    var teacherGenerator = new torch.Generator(99); // the same teacher for train and test
    var w1 = torch.randn(new long[] { 32, 24 }, generator: teacherGenerator);
    var w2 = torch.randn(new long[] { 24, 4 }, generator: teacherGenerator);
    var inputs = torch.randn(new long[] { examples, 32 }, generator: generator);
    var labels = inputs.matmul(w1).tanh().matmul(w2).argmax(1);
    return (inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
}
