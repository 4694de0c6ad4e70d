using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>A masked layer (or a DAN's fused group) computed densely: <c>linear</c> of a copy of its weight with the mask folded in.</summary>
internal sealed class DenseLinearStep : InferenceStep
{
    private readonly Tensor _weight;
    private readonly Tensor? _bias;

    /// <summary>Takes ownership of a folded <c>[out, in]</c> weight and a bias.</summary>
    private DenseLinearStep(Tensor weight, Tensor? bias)
    {
        _weight = weight.DetachFromDisposeScope();
        _bias = bias?.DetachFromDisposeScope();
    }

    /// <summary>
    /// Maps stacked by rows into one layer of <paramref name="rows"/> × <paramref name="columns"/>: each map's unmasked
    /// entries at its row offset, every other entry zero, and its bias rows (zero without one).
    /// </summary>
    public static DenseLinearStep Stacked(int rows, int columns, ScalarType dtype, IReadOnlyList<(int RowOffset, UnmaskedEntries Entries)> maps, bool bias)
    {
        var positions = new List<long>();
        var values = new List<double>();
        var biases = bias ? new double[rows] : null;
        foreach (var (offset, entries) in maps)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                positions.Add(((long)(offset + entries.Row[i]) * columns) + entries.Column[i]);
                values.Add(entries.Weight[i]);
            }

            if (biases is not null)
            {
                entries.Bias?.CopyTo(biases, offset);
            }
        }

        using var scope = NewDisposeScope();
        using var index = tensor(positions.ToArray());
        using var source = tensor(values.ToArray(), dtype: ScalarType.Float64);
        var weight = zeros((long)rows * columns, dtype: ScalarType.Float64).index_copy_(0, index, source).view(rows, columns).to(dtype);
        var biasTensor = biases is null ? null : tensor(biases, dtype: ScalarType.Float64).to(dtype);
        return new DenseLinearStep(weight.MoveToOuterDisposeScope(), biasTensor?.MoveToOuterDisposeScope());
    }

    public override Tensor Apply(Tensor input) => nn.functional.linear(input, _weight, _bias);

    public override void Dispose()
    {
        _weight.Dispose();
        _bias?.Dispose();
        base.Dispose();
    }
}
