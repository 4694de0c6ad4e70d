using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Deepstruct;

/// <summary>One masked layer in a <see cref="MaskSummary"/>.</summary>
/// <param name="Position">The position among the model's masked layers (<see cref="MaskedWeights.Of"/> order).</param>
/// <param name="Name">The layer's name (<see cref="MaskedWeights.Names"/>).</param>
/// <param name="Shape">The weight's shape.</param>
/// <param name="Weights">Entries of the weight, masked or not (<see cref="IMaskedWeight.Capacity"/>).</param>
/// <param name="Kept">Entries whose mask is true (<see cref="IMaskedWeight.WeightCount"/>).</param>
public sealed record MaskedLayerSummary(int Position, string Name, IReadOnlyList<long> Shape, long Weights, long Kept)
{
    /// <summary>Entries whose mask is false.</summary>
    public long Masked => Weights - Kept;

    /// <summary>The masked fraction, in [0, 1] (0 for a layer without entries).</summary>
    public double Sparsity => Weights == 0 ? 0 : (double)Masked / Weights;

    // The generated record ToString would print the shape list's type name: print its sizes instead.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Position = {Position}, Name = {Name}, Shape = [{string.Join(", ", Shape)}], Weights = {Weights}, Kept = {Kept}, Sparsity = {Sparsity:0.####}");
        return true;
    }
}
