using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Cells;

/// <summary>Convolution, ReLU, batch norm to one channel: deepstruct's test cell (ReductionCell) with a chosen stride.</summary>
internal sealed class ConvolutionCell : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;

    public ConvolutionCell(long inChannels, long stride)
        : base(nameof(ConvolutionCell))
    {
        conv = nn.Conv2d(inChannels, 1, 3, stride: stride, padding: 1);
        norm = nn.BatchNorm2d(1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => norm.call(nn.functional.relu(conv.call(input)));
}

/// <summary>Sums its input channels into one after cropping to a fixed extent, and remembers what it was given.</summary>
internal sealed class SummingCell : nn.Module<Tensor, Tensor>
{
    private readonly long _height;
    private readonly long _width;

    public SummingCell(long height, long width)
        : base(nameof(SummingCell))
    {
        _height = height;
        _width = width;
        RegisterComponents();
    }

    public Tensor? LastInput { get; private set; }

    public override Tensor forward(Tensor input)
    {
        LastInput?.Dispose();
        LastInput = input.detach().clone().DetachFromDisposeScope();
        return input[.., .., ..(int)_height, ..(int)_width].sum(1, keepdim: true);
    }
}

/// <summary>Returns its input unchanged (two channels from a two-channel input: a cell that breaks the one-channel rule).</summary>
internal sealed class PassThroughCell : nn.Module<Tensor, Tensor>
{
    public PassThroughCell()
        : base(nameof(PassThroughCell))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input.alias();
}
