using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// The common base of Deepstruct's models: a module whose weights are masked, with operations on
/// all of its masks at once.
/// </summary>
/// <remarks>
/// A model whose masks are fixed by a structure (a <see cref="MaskedDeepDan"/>) refuses a checkpoint
/// whose masks are wider than that structure — a checkpoint of a model on another structure — in
/// <c>load</c> and <c>load_state_dict</c>, and leaves its state as it was. A pruned checkpoint of the
/// same structure (narrower masks) loads. To undo a refused load, such a model keeps a copy of its state
/// while loading. Loading an outer module that merely contains such a model
/// is TorchSharp's own loop, which does not reach this check: call <see cref="CheckMasksFollowStructure"/> after it.
/// </remarks>
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

    /// <summary>
    /// Checks that no mask of this model (or of a Deepstruct model inside it) is wider than the
    /// structure it was built on: every unmasked weight must be a connection of the structure.
    /// </summary>
    /// <exception cref="InvalidOperationException">A mask unmasks a weight the structure does not have; the message names the tensor and the connection.</exception>
    public void CheckMasksFollowStructure()
    {
        if (FindMaskBeyondStructureInside(this) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>
    /// Loads the parameters and buffers from <paramref name="reader"/> (TorchSharp's <c>load</c>, which
    /// <c>load(path)</c> and <c>load(stream)</c> call), then checks that no mask is wider than the structure.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The checkpoint does not fit the module (TorchSharp's checks), or one of its masks unmasks a weight the
    /// structure does not have: the model's state is then restored as it was before the call.
    /// </exception>
    public override nn.Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null, Dictionary<string, bool>? loadedParameters = null) =>
        LoadChecked(() => base.load(reader, strict, skip, loadedParameters), nameof(reader));

    /// <summary>
    /// Copies <paramref name="source"/> into the parameters and buffers (TorchSharp's <c>load_state_dict</c>),
    /// then checks that no mask is wider than the structure.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// One of the masks in <paramref name="source"/> unmasks a weight the structure does not have (or TorchSharp
    /// refuses the dictionary): the model's state is then restored as it was before the call.
    /// </exception>
    public override (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
    {
        (IList<string>, IList<string>) result = default;
        LoadChecked(
            () =>
            {
                result = base.load_state_dict(source, strict, skip);
                return this;
            },
            nameof(source));
        return result;
    }

    /// <summary>
    /// Describes the first unmasked weight of this module's own masks that the structure it was built on
    /// does not have, or returns <see langword="null"/> when there is none. Models whose masks are fixed by
    /// a structure override this; the default finds nothing, since masks of dense maps may take any value.
    /// </summary>
    /// <param name="prefix">The module's prefix in the state_dict being checked (empty, or ending in a dot), for naming the tensor.</param>
    protected internal virtual string? FindMaskBeyondStructure(string prefix) => null;

    /// <summary>Whether <see cref="FindMaskBeyondStructure"/> can find anything, so a load must be able to undo itself.</summary>
    protected internal virtual bool HasStructuralMasks => false;

    /// <summary>The first problem <see cref="FindMaskBeyondStructure"/> finds in <paramref name="module"/> or the Deepstruct models inside it.</summary>
    internal static string? FindMaskBeyondStructureInside(nn.Module module)
    {
        if (module is MaskableModule self && self.FindMaskBeyondStructure(string.Empty) is { } own)
        {
            return own;
        }

        foreach (var (name, child) in module.named_modules())
        {
            if (child is MaskableModule inner && !ReferenceEquals(inner, module) && inner.FindMaskBeyondStructure(name + ".") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static bool HasStructuralMasksInside(nn.Module module) =>
        module is MaskableModule { HasStructuralMasks: true } || module.modules().Any(child => child is MaskableModule { HasStructuralMasks: true });

    /// <summary>Runs <paramref name="load"/>, then the structure check; restores the state saved before on any failure.</summary>
    private nn.Module LoadChecked(Func<nn.Module> load, string parameterName)
    {
        if (!HasStructuralMasksInside(this))
        {
            return load();
        }

        // A refused checkpoint has already overwritten the tensors in place: keep a copy to undo it.
        var backup = new Dictionary<string, Tensor>();
        try
        {
            using (no_grad())
            {
                foreach (var (key, value) in state_dict())
                {
                    backup[key] = value.detach().clone().DetachFromDisposeScope();
                }
            }

            try
            {
                load();
                if (FindMaskBeyondStructureInside(this) is { } problem)
                {
                    throw new ArgumentException(problem + " Is this a checkpoint of a model on another structure? The model keeps the state it had before the load.", parameterName);
                }
            }
            catch
            {
                Restore(backup);
                throw;
            }

            return this;
        }
        finally
        {
            foreach (var copy in backup.Values)
            {
                copy.Dispose();
            }
        }
    }

    private void Restore(Dictionary<string, Tensor> backup)
    {
        using (no_grad())
        {
            foreach (var (key, value) in state_dict())
            {
                if (backup.TryGetValue(key, out var saved) && saved.shape.AsSpan().SequenceEqual(value.shape) && saved.dtype == value.dtype)
                {
                    value.copy_(saved);
                }
            }
        }
    }
}
