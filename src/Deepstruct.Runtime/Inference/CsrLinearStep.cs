using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>
/// A masked layer computed from its unmasked weights only: the folded weight in CSR form, one row
/// per output feature, multiplied on the CPU in managed code.
/// </summary>
/// <remarks>
/// One example (or a batch narrower than a SIMD vector) is a gather-dot per output row. A wider batch
/// is transposed to <c>[features, batch]</c>, so that each stored weight scales a contiguous row of
/// the batch (a SIMD multiply-add over it) and rows of the output are written in one pass.
/// Output rows are split over libtorch's intra-op thread count when the work is large enough to pay
/// for the hand-off.
/// </remarks>
internal sealed class CsrLinearStep<T> : InferenceStep
    where T : unmanaged, INumber<T>
{
    // Below this many multiply-adds a layer runs on the calling thread: a Parallel.For hand-off costs microseconds.
    private const long ParallelWork = 1L << 16;

    private readonly int[] _rowStart;
    private readonly int[] _columns;
    private readonly T[] _values;
    private readonly T[]? _bias;
    private readonly int _in;
    private readonly int _out;
    private readonly ScalarType _dtype;

    private CsrLinearStep(int inFeatures, int outFeatures, ScalarType dtype, int[] rowStart, int[] columns, T[] values, T[]? bias)
    {
        _in = inFeatures;
        _out = outFeatures;
        _dtype = dtype;
        _rowStart = rowStart;
        _columns = columns;
        _values = values;
        _bias = bias;
    }

    /// <summary>
    /// Maps stacked by rows into one layer of <paramref name="rows"/> × <paramref name="columns"/>: each map's unmasked
    /// entries at its row offset (in any order; a counting sort puts them into rows), and its bias rows (zero without one).
    /// </summary>
    public static CsrLinearStep<T> Stacked(int rows, int columns, ScalarType dtype, IReadOnlyList<(int RowOffset, UnmaskedEntries Entries)> maps, bool bias)
    {
        var rowStart = new int[rows + 1];
        foreach (var (offset, entries) in maps)
        {
            foreach (var row in entries.Row)
            {
                rowStart[offset + row + 1]++;
            }
        }

        for (var r = 0; r < rows; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        var next = (int[])rowStart.Clone();
        var count = rowStart[rows];
        var columnOf = new int[count];
        var values = new T[count];
        var biases = bias ? new T[rows] : null;
        foreach (var (offset, entries) in maps)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var k = next[offset + entries.Row[i]]++;
                columnOf[k] = entries.Column[i];
                values[k] = T.CreateChecked(entries.Weight[i]);
            }

            if (biases is not null && entries.Bias is { } mapBias)
            {
                for (var r = 0; r < mapBias.Length; r++)
                {
                    biases[offset + r] = T.CreateChecked(mapBias[r]);
                }
            }
        }

        return new CsrLinearStep<T>(columns, rows, dtype, rowStart, columnOf, values, biases);
    }

    public override Tensor Apply(Tensor input)
    {
        var batch = checked((int)input.shape[0]);
        var work = (long)_values.Length * batch;
        var threads = work >= ParallelWork ? Math.Min(get_num_threads(), Environment.ProcessorCount) : 1;
        if (batch < Vector<T>.Count)
        {
            using var x = input.contiguous();
            var y = empty(batch, _out, dtype: _dtype);
            For(threads, (from, to) => RowsByExample(x, y, batch, from, to));
            return y;
        }

        using var xt = input.t().contiguous();
        using var yt = empty(_out, batch, dtype: _dtype);
        For(threads, (from, to) => RowsByBatch(xt, yt, batch, from, to));
        return yt.t().contiguous();
    }

    private void For(int threads, Action<int, int> rows)
    {
        if (threads <= 1)
        {
            rows(0, _out);
            return;
        }

        // A few chunks per thread, so that rows of uneven length even out.
        var chunks = Math.Min(_out, threads * 4);
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            c => rows((int)((long)_out * c / chunks), (int)((long)_out * (c + 1) / chunks)));
    }

    /// <summary>y[b, o] = bias[o] + Σ w[o, c]·x[b, c] over the stored columns c of row o.</summary>
    private void RowsByExample(Tensor input, Tensor output, int batch, int from, int to)
    {
        ReadOnlySpan<T> x = MemoryMarshal.Cast<byte, T>(input.bytes);
        Span<T> y = MemoryMarshal.Cast<byte, T>(output.bytes);
        ReadOnlySpan<int> columns = _columns;
        ReadOnlySpan<T> values = _values;
        for (var b = 0; b < batch; b++)
        {
            var example = x.Slice(b * _in, _in);
            var result = y.Slice(b * _out, _out);
            for (var o = from; o < to; o++)
            {
                var sum = T.Zero;
                for (var k = _rowStart[o]; k < _rowStart[o + 1]; k++)
                {
                    sum += values[k] * example[columns[k]];
                }

                result[o] = _bias is null ? sum : sum + _bias[o];
            }
        }
    }

    /// <summary>yᵀ[o, :] = bias[o] + Σ w[o, c]·xᵀ[c, :]: a SIMD multiply-add of a batch row per stored weight.</summary>
    private void RowsByBatch(Tensor inputT, Tensor outputT, int batch, int from, int to)
    {
        ReadOnlySpan<T> x = MemoryMarshal.Cast<byte, T>(inputT.bytes);
        Span<T> y = MemoryMarshal.Cast<byte, T>(outputT.bytes);
        var width = Vector<T>.Count;
        var vectorEnd = batch - (batch % width);
        for (var o = from; o < to; o++)
        {
            var row = y.Slice(o * batch, batch);
            row.Fill(_bias is null ? T.Zero : _bias[o]);
            var rowVectors = MemoryMarshal.Cast<T, Vector<T>>(row[..vectorEnd]);
            for (var k = _rowStart[o]; k < _rowStart[o + 1]; k++)
            {
                var value = _values[k];
                var source = x.Slice(_columns[k] * batch, batch);
                var sourceVectors = MemoryMarshal.Cast<T, Vector<T>>(source[..vectorEnd]);
                var scale = new Vector<T>(value);
                for (var v = 0; v < rowVectors.Length; v++)
                {
                    rowVectors[v] += scale * sourceVectors[v];
                }

                for (var i = vectorEnd; i < batch; i++)
                {
                    row[i] += value * source[i];
                }
            }
        }
    }
}
