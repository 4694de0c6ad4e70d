using System;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>
/// A <see cref="MaskedDeepDan"/>'s forward pass over a snapshot: the input map, then the fused groups of main and
/// skip maps (each sparse or dense) combined as the network's own forward pass combines them
/// (<see cref="DanGroupForward"/>), with its norms and activation, then the output map.
/// </summary>
internal sealed class DanInferenceStep : InferenceStep
{
    private readonly DanLayerStep[] _steps;
    private readonly InferenceStep _inputMap;
    private readonly InferenceStep?[] _groups;
    private readonly LayerNormStep?[] _norms;
    private readonly InferenceStep _outputMap;
    private readonly Activation _activation;

    /// <param name="steps">The network's steps, planned with each normalized layer's norm index equal to the layer.</param>
    /// <param name="inputMap">The input map.</param>
    /// <param name="groups">Per layer, the group of maps leaving it (none for the last layer).</param>
    /// <param name="norms">Per layer, its norm, or <see langword="null"/>.</param>
    /// <param name="outputMap">The output map.</param>
    /// <param name="activation">The network's activation.</param>
    public DanInferenceStep(DanLayerStep[] steps, InferenceStep inputMap, InferenceStep?[] groups, LayerNormStep?[] norms, InferenceStep outputMap, Activation activation)
    {
        _steps = steps;
        _inputMap = inputMap;
        _groups = groups;
        _norms = norms;
        _outputMap = outputMap;
        _activation = activation;
    }

    public override Tensor Apply(Tensor input)
    {
        var last = DanGroupForward.Run(
            _steps,
            _inputMap.Apply(input),
            _activation,
            (layer, x) => _norms[layer]!.Apply(x),
            (layer, _, x) => _groups[layer]!.Apply(x));
        return _outputMap.Apply(last);
    }

    public override void Dispose()
    {
        _inputMap.Dispose();
        _outputMap.Dispose();
        foreach (var step in _groups)
        {
            step?.Dispose();
        }

        foreach (var norm in _norms)
        {
            norm?.Dispose();
        }

        base.Dispose();
    }
}
