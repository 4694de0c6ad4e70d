using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Cells;

public class CellLiveTensorTests
{
    [Fact]
    public void Training_steps_leave_no_live_tensor_behind()
    {
        torch.manual_seed(82);
        using var model = new DeepCellDan(new long[] { 1, 6, 6 }, 2, DeepCellDanTests.Diamond(), spec => new ConvolutionCell(spec.InChannels, spec.IsInput ? 2 : 1), headChannels: 4);
        using var input = torch.randn(4, 1, 6, 6);
        using var labels = torch.tensor(new long[] { 0, 1, 1, 0 });
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 0.001);
        void Train(int steps)
        {
            for (var i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.call(input), labels).backward();
                optimizer.step();
            }
        }

        Train(3);
        var statistics = DisposeScopeManager.Statistics;
        var before = statistics.ThreadTotalLiveCount;

        Train(300);

        Assert.Equal(before, statistics.ThreadTotalLiveCount);
        Assert.True(statistics.CreatedInScopeCount > 300, "the loop should have created tensors inside its scopes");
    }
}
