using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>
/// A <c>Conv2d</c> with its true geometry: output neuron <c>(co, oh, ow)</c> reads input neuron
/// <c>(ci, ih, iw)</c> with <c>ih = oh·stride − padLeft + kh·dilation</c> (likewise for columns) for
/// every kernel position <c>(kh, kw)</c> and every input channel <c>ci</c> of <c>co</c>'s group. Positions
/// in the zero padding connect nothing; reflected, replicated and circular padding connect the input
/// neuron they copy. Edges are computed by index arithmetic from per-position tables, never per neuron through torch.
/// </summary>
internal sealed class ConvolutionStep : PlannedStep
{
    private readonly int _inChannelsPerGroup;
    private readonly int _outChannels;
    private readonly int _outChannelsPerGroup;
    private readonly int _inHeight;
    private readonly int _inWidth;
    private readonly int _outHeight;
    private readonly int _outWidth;
    private readonly int[][] _sourceRow; // [kh][oh] → input row, or -1 in zero padding
    private readonly int[][] _sourceColumn; // [kw][ow] → input column, or -1
    private readonly bool[]? _keptKernel; // [co, ci of group, kh, kw], null when every position counts
    private readonly long _edges;

    public ConvolutionStep(ModuleCall call, Conv2d convolution, double? threshold)
        : base(call)
    {
        if (convolution.transposed)
        {
            throw call.Fail("transposed convolutions are not supported.");
        }

        var shape = call.InputShape;
        if (shape.Length < 3)
        {
            throw call.Fail($"its input has shape {MaskedLinear.Describe(shape)}, not [channels, height, width] after the batch.");
        }

        var inChannels = (int)convolution.in_channels;
        var groups = (int)convolution.groups;
        _outChannels = (int)convolution.out_channels;
        _inChannelsPerGroup = inChannels / groups;
        _outChannelsPerGroup = _outChannels / groups;
        _inHeight = (int)shape[^2];
        _inWidth = (int)shape[^1];
        if (shape[^3] != inChannels)
        {
            throw call.Fail($"its input has {shape[^3]} channels but the convolution takes {inChannels}.");
        }

        var output = call.OutputShape!;
        _outHeight = (int)output[^2];
        _outWidth = (int)output[^1];
        var kernel = Pair(convolution.kernel_size);
        var stride = Pair(convolution.stride);
        var dilation = Pair(convolution.dilation);
        var padding = LeftPadding(convolution, kernel, dilation);
        _sourceRow = SourceTable(kernel.Rows, _outHeight, _inHeight, stride.Rows, padding.Rows, dilation.Rows, convolution.padding_mode, call);
        _sourceColumn = SourceTable(kernel.Columns, _outWidth, _inWidth, stride.Columns, padding.Columns, dilation.Columns, convolution.padding_mode, call);

        var rowsPerKernelRow = Array.ConvertAll(_sourceRow, CountValid);
        var columnsPerKernelColumn = Array.ConvertAll(_sourceColumn, CountValid);
        if (threshold is double theta)
        {
            using var scope = NewDisposeScope();
            _keptKernel = convolution.weight!.detach().abs().ge(theta).cpu().data<bool>().ToArray();
        }

        // Exact count for zero padding; positions of other paddings that meet one input neuron merge later.
        long edges = 0;
        for (var kh = 0; kh < kernel.Rows; kh++)
        {
            for (var kw = 0; kw < kernel.Columns; kw++)
            {
                long kept = (long)_outChannels * _inChannelsPerGroup;
                if (_keptKernel is not null)
                {
                    kept = 0;
                    for (var filter = 0; filter < _outChannels * _inChannelsPerGroup; filter++)
                    {
                        kept += _keptKernel[(((filter * kernel.Rows) + kh) * kernel.Columns) + kw] ? 1 : 0;
                    }
                }

                edges += kept * rowsPerKernelRow[kh] * columnsPerKernelColumn[kw];
            }
        }

        _edges = edges;
    }

    public override long Vertices => (long)_outChannels * _outHeight * _outWidth;

    public override long Edges => _edges;

    public override Frontier Emit(ExtractedGraphBuilder builder, Frontier input)
    {
        var first = builder.AddVertices((int)Vertices, input.Layer + 1);
        var kernelRows = _sourceRow.Length;
        var kernelColumns = _sourceColumn.Length;
        for (var outChannel = 0; outChannel < _outChannels; outChannel++)
        {
            var firstInChannel = outChannel / _outChannelsPerGroup * _inChannelsPerGroup;
            var outPlane = first + (outChannel * _outHeight * _outWidth);
            for (var channelInGroup = 0; channelInGroup < _inChannelsPerGroup; channelInGroup++)
            {
                var inPlane = input.First + ((firstInChannel + channelInGroup) * _inHeight * _inWidth);
                for (var kh = 0; kh < kernelRows; kh++)
                {
                    var rows = _sourceRow[kh];
                    for (var kw = 0; kw < kernelColumns; kw++)
                    {
                        if (_keptKernel is not null && !_keptKernel[(((((outChannel * _inChannelsPerGroup) + channelInGroup) * kernelRows) + kh) * kernelColumns) + kw])
                        {
                            continue;
                        }

                        var columns = _sourceColumn[kw];
                        for (var oh = 0; oh < rows.Length; oh++)
                        {
                            var ih = rows[oh];
                            if (ih < 0)
                            {
                                continue;
                            }

                            var sourceRow = inPlane + (ih * _inWidth);
                            var targetRow = outPlane + (oh * _outWidth);
                            for (var ow = 0; ow < columns.Length; ow++)
                            {
                                if (columns[ow] >= 0)
                                {
                                    builder.AddEdge(sourceRow + columns[ow], targetRow + ow);
                                }
                            }
                        }
                    }
                }
            }
        }

        return new Frontier(first, (int)Vertices, input.Layer + 1);
    }

    private static (int Rows, int Columns) Pair(long[] values) =>
        values.Length == 1 ? ((int)values[0], (int)values[0]) : ((int)values[0], (int)values[1]);

    private static (int Rows, int Columns) LeftPadding(Conv2d convolution, (int Rows, int Columns) kernel, (int Rows, int Columns) dilation)
    {
        if (convolution.padding is { Length: > 0 } explicitPadding)
        {
            return Pair(explicitPadding);
        }

        // 'same' pads d·(k−1) in all, the smaller half before (as PyTorch); 'valid' pads nothing.
        return convolution.padding_type == Padding.Same
            ? (dilation.Rows * (kernel.Rows - 1) / 2, dilation.Columns * (kernel.Columns - 1) / 2)
            : (0, 0);
    }

    /// <summary>For each kernel offset and output position, the input position it reads (−1: zero padding).</summary>
    private static int[][] SourceTable(int kernel, int outSize, int inSize, int stride, int padding, int dilation, PaddingModes mode, ModuleCall call)
    {
        var table = new int[kernel][];
        for (var k = 0; k < kernel; k++)
        {
            table[k] = new int[outSize];
            for (var o = 0; o < outSize; o++)
            {
                var position = (o * stride) - padding + (k * dilation);
                table[k][o] = position >= 0 && position < inSize ? position : Padded(position, inSize, mode, call);
            }
        }

        return table;
    }

    private static int Padded(int position, int size, PaddingModes mode, ModuleCall call) => mode switch
    {
        PaddingModes.Zeros or PaddingModes.Constant => -1,
        PaddingModes.Reflect => position < 0 ? -position : (2 * (size - 1)) - position,
        PaddingModes.Replicate => position < 0 ? 0 : size - 1,
        PaddingModes.Circular => ((position % size) + size) % size,
        _ => throw call.Fail($"padding mode {mode} is not supported."),
    };

    private static int CountValid(int[] sources)
    {
        var count = 0;
        foreach (var source in sources)
        {
            count += source >= 0 ? 1 : 0;
        }

        return count;
    }
}
