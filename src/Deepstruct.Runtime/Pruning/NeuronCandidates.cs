using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A layer's neurons as weight selection sees a layer's weights: a mask, true for each neuron still
/// present, so that neuron pruning reuses <see cref="SaliencySelection"/> (its counts and tie rule)
/// rather than a second selection. Only the mask is read and written.
/// </summary>
internal sealed class NeuronCandidates : IMaskedWeight, IDisposable
{
    private readonly Tensor _present;

    public NeuronCandidates(Tensor present)
    {
        _present = present;
    }

    public Tensor Weight => _present;

    public Tensor Mask
    {
        get => _present;
        set => _present.copy_(value);
    }

    public Tensor? Saliency
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public long WeightCount => MaskAssignment.CountTrue(_present);

    public void ApplyMask()
    {
    }

    public void RecomputeMask(double theta = 0.001) => throw new NotSupportedException();

    public void Dispose() => _present.Dispose();
}
