using System;
using static TorchSharp.torch;

namespace Deepstruct.Inference;

/// <summary>One operation of a <see cref="SparseInferenceModel"/>, on <c>[batch, features]</c> tensors, over tensors it owns.</summary>
internal abstract class InferenceStep : IDisposable
{
    public abstract Tensor Apply(Tensor input);

    public virtual void Dispose()
    {
    }
}
