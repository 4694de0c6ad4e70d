using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// The common base of Deepstruct's models: a module whose weights are masked, with operations on
/// all of its masks at once.
/// </summary>
public abstract class MaskableModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module with TorchSharp's module name <paramref name="name"/>.</summary>
    protected MaskableModule(string name)
        : base(name)
    {
    }

    /// <summary>
    /// Every masked weight inside, in a stable order that depends only on how the model was built
    /// (for the built-in models: from the input towards the output).
    /// </summary>
    public abstract IEnumerable<IMaskedWeight> MaskableLayers();

    /// <summary>Sets the stored weights at masked positions to exactly zero, in every layer.</summary>
    public virtual void ApplyMask()
    {
        foreach (var layer in MaskableLayers())
        {
            layer.ApplyMask();
        }
    }

    /// <summary>In every layer, masks exactly the weights with |w| &lt; <paramref name="theta"/> and unmasks the others.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="theta"/> is negative or not finite.</exception>
    public virtual void RecomputeMask(double theta = 0.001)
    {
        foreach (var layer in MaskableLayers())
        {
            layer.RecomputeMask(theta);
        }
    }
}
