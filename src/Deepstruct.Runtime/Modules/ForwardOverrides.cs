using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Whether a subclass of a runtime module replaces the forward pass that exports and inference paths rebuild.</summary>
internal static class ForwardOverrides
{
    /// <summary>
    /// Whether <paramref name="module"/>'s <c>forward(Tensor)</c> is declared by a class derived from <paramref name="runtimeKind"/>;
    /// generated models derive from the runtime kinds without overriding it.
    /// </summary>
    public static bool IsOverridden(nn.Module module, Type runtimeKind) =>
        module.GetType().GetMethod("forward", new[] { typeof(Tensor) })?.DeclaringType != runtimeKind;

    /// <summary>Whether a subclass of <see cref="MaskedDeepFfn"/> computes something else than its layers.</summary>
    public static bool IsOverridden(MaskedDeepFfn ffn) => IsOverridden(ffn, typeof(MaskedDeepFfn));
}
