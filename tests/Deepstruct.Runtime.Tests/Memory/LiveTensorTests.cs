using Deepstruct.Runtime.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Memory;

public class LiveTensorTests
{
    [Fact]
    public void A_thousand_training_steps_leave_no_live_tensor_behind()
    {
        using var task = new TeacherTask(inputSize: 6, outputSize: 2, examples: 32, seed: 71);
        torch.manual_seed(72);
        using var model = new MaskedDeepDan(6, 2, TrainingTests.ThreeLayers(), new DanOptions { LayerNorm = true });
        using var inner = torch.optim.Adam(model.parameters(), lr: 0.001);
        using var optimizer = new MaskPreservingOptimizer(inner, model);

        // The first steps create the optimizer's state; count from there on.
        TrainingTests.Train(model, optimizer, task, steps: 5);
        var statistics = DisposeScopeManager.Statistics;
        var before = statistics.ThreadTotalLiveCount;

        TrainingTests.Train(model, optimizer, task, steps: 1000);

        Assert.Equal(before, statistics.ThreadTotalLiveCount);
        Assert.True(statistics.CreatedInScopeCount > 1000, "the loop should have created tensors inside its scopes");
    }
}
