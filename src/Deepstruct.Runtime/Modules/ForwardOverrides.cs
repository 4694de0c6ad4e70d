using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>Whether a subclass of a runtime module replaces the forward pass that exports and inference paths rebuild.</summary>
internal static class ForwardOverrides
{
    /// <summary>Generated <c>ffn</c> models derive from <see cref="MaskedDeepFfn"/> without overriding its forward pass.</summary>
    public static bool IsOverridden(MaskedDeepFfn ffn) =>
        ffn.GetType().GetMethod(nameof(MaskedDeepFfn.forward), new[] { typeof(Tensor) })?.DeclaringType != typeof(MaskedDeepFfn);
}
