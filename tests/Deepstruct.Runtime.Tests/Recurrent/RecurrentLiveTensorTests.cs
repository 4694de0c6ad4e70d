using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Recurrent;

public class RecurrentLiveTensorTests
{
    [Theory]
    [InlineData(RecurrentCell.Gru)]
    [InlineData(RecurrentCell.Lstm)]
    public void Training_steps_and_single_steps_leave_no_live_tensor_behind(RecurrentCell cell)
    {
        torch.manual_seed(81);
        using var model = new MaskedDeepRnn(2, new[] { 4, 3 }, cell, batchFirst: true);
        using var input = torch.randn(5, 6, 2);
        using var target = torch.randn(5, 3);
        using var step = torch.randn(5, 2);
        using var inner = torch.optim.Adam(model.parameters(), lr: 0.001);
        using var optimizer = new MaskPreservingOptimizer(inner, model);
        void Train(int steps)
        {
            for (var i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                nn.functional.mse_loss(model.call(input), target).backward();
                optimizer.step();
            }
        }

        // The first steps create the optimizer's state; count from there on.
        Train(3);
        var statistics = DisposeScopeManager.Statistics;
        var before = statistics.ThreadTotalLiveCount;

        Train(300);
        for (var i = 0; i < 100; i++)
        {
            using var scope = torch.NewDisposeScope();
            switch (model.Layers[0])
            {
                case MaskedLstmLayer lstm:
                    lstm.call(step, null);
                    break;
                case MaskedGruLayer gru:
                    gru.call(step, null);
                    break;
            }
        }

        Assert.Equal(before, statistics.ThreadTotalLiveCount);
        Assert.True(statistics.CreatedInScopeCount > 300, "the loop should have created tensors inside its scopes");
    }
}
