using System;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>The true entries of a bool matrix as flat <c>(row, column)</c> pairs, found by torch in one call.</summary>
internal static class MaskPairs
{
    public static long[] Of(Tensor mask)
    {
        using var scope = NewDisposeScope();
        var pairs = mask.cpu().nonzero();
        // TorchSharp's accessor cannot copy out of an empty tensor.
        return pairs.numel() == 0 ? Array.Empty<long>() : pairs.data<long>().ToArray();
    }
}
