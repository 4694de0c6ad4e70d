using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Training;

/// <summary>A learnable regression task: targets from a fixed random teacher network.</summary>
public sealed class TeacherTask : IDisposable
{
    public TeacherTask(int inputSize, int outputSize, int examples, long seed)
    {
        torch.manual_seed(seed);
        using var teacher = nn.Sequential(
            nn.Linear(inputSize, 16),
            nn.Tanh(),
            nn.Linear(16, outputSize));
        Inputs = torch.randn(examples, inputSize).DetachFromDisposeScope();
        using (torch.no_grad())
        {
            Targets = teacher.call(Inputs).DetachFromDisposeScope();
        }
    }

    public Tensor Inputs { get; }

    public Tensor Targets { get; }

    /// <summary>The loss of predicting each target's mean: the bar a model must clear.</summary>
    public double MeanPredictorLoss()
    {
        using var scope = torch.NewDisposeScope();
        var mean = Targets.mean(new long[] { 0 }, keepdim: true);
        return nn.functional.mse_loss(mean.expand_as(Targets), Targets).item<float>();
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
