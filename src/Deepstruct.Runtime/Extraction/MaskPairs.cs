using System;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>The true entries of a bool matrix, read from its bytes in one pass.</summary>
/// <remarks>
/// TorchSharp's element accessor (<c>data&lt;T&gt;().ToArray()</c>) computes an index per element: it
/// took 19 ms for the 156,800 entries of a 784×200 mask, against well under a millisecond for the bytes.
/// </remarks>
internal static class MaskPairs
{
    /// <summary>The positions <c>row · columns + column</c> of the true entries, ascending; <paramref name="columns"/> is the matrix's width.</summary>
    public static int[] Of(Tensor mask, out int columns)
    {
        using var scope = NewDisposeScope();
        var dense = mask.to(ScalarType.Bool).cpu().contiguous();
        columns = (int)dense.shape[^1];
        ReadOnlySpan<byte> values = dense.bytes;
        var positions = new int[values.Length - values.Count((byte)0)];
        var written = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                positions[written++] = i;
            }
        }

        return positions;
    }
}
