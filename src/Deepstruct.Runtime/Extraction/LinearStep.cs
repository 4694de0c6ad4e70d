using System;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>
/// A linear map (<c>Linear</c> or <c>MaskedLinear</c>): input neuron <c>i</c> → output neuron <c>j</c>
/// wherever the kept-weight mask <c>[out, in]</c> is true. On inputs with more than one position
/// (<c>[1, …, in]</c>) the map applies at each position, so each position gets its own copy of the edges.
/// </summary>
internal sealed class LinearStep : PlannedStep
{
    private readonly Func<Tensor> _keptWeights;
    private readonly long _inFeatures;
    private readonly long _outFeatures;
    private readonly long _positions;
    private readonly long _keptPerPosition;

    /// <param name="call">The module's call.</param>
    /// <param name="keptWeights">Makes the bool mask <c>[out, in]</c> of the weights that are edges; called inside a dispose scope.</param>
    /// <param name="inFeatures">The map's inputs.</param>
    /// <param name="outFeatures">The map's outputs.</param>
    public LinearStep(ModuleCall call, Func<Tensor> keptWeights, long inFeatures, long outFeatures)
        : base(call)
    {
        _keptWeights = keptWeights;
        _inFeatures = inFeatures;
        _outFeatures = outFeatures;
        _positions = call.InputCount / inFeatures;
        if (call.InputShape.Length == 0 || call.InputShape[^1] != inFeatures || call.OutputCount != _positions * outFeatures)
        {
            throw call.Fail($"its input of shape {MaskedLinear.Describe(call.InputShape)} and output of shape {MaskedLinear.Describe(call.OutputShape!)} do not fit a map from {inFeatures} to {outFeatures} features.");
        }

        using var scope = NewDisposeScope();
        _keptPerPosition = _keptWeights().count_nonzero().item<long>();
    }

    public override long Vertices => _positions * _outFeatures;

    public override long Edges => _positions * _keptPerPosition;

    public override Frontier Emit(ExtractedGraphBuilder builder, Frontier input)
    {
        var first = builder.AddVertices((int)Vertices, input.Layer + 1);
        using var scope = NewDisposeScope();
        var kept = MaskPairs.Of(_keptWeights(), out var columns);
        for (long position = 0; position < _positions; position++)
        {
            var sourceOffset = input.First + (int)(position * _inFeatures);
            var targetOffset = first + (int)(position * _outFeatures);
            foreach (var entry in kept)
            {
                var row = Math.DivRem(entry, columns, out var column);
                builder.AddEdge(sourceOffset + column, targetOffset + row);
            }
        }

        return new Frontier(first, (int)Vertices, input.Layer + 1);
    }
}
