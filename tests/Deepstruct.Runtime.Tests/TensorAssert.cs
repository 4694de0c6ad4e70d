using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests;

/// <summary>Exact comparisons of tensors (TorchSharp's <c>equal</c> is elementwise).</summary>
public static class TensorAssert
{
    public static void Identical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        using var same = expected.eq(actual).all();
        Assert.True(same.item<bool>(), $"The tensors differ:\nexpected {expected.ToString(TorchSharp.TensorStringStyle.Julia)}\nactual {actual.ToString(TorchSharp.TensorStringStyle.Julia)}");
    }

    /// <summary>The number of nonzero weights where <paramref name="mask"/> is false.</summary>
    public static long NonzerosAtMaskedPositions(Tensor weight, Tensor mask)
    {
        using var masked = mask.logical_not();
        using var selected = weight.masked_select(masked);
        using var count = selected.count_nonzero();
        return count.item<long>();
    }
}
