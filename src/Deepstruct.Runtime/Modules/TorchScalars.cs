using TorchSharp;

namespace Deepstruct;

/// <summary>
/// Scalars kept alive for the life of the process. TorchSharp turns a C# literal passed as a
/// <see cref="Scalar"/> into a temporary native scalar that nothing references during the native
/// call, so the finalizer may free it while libtorch still reads it: a benchmark that built many
/// DANs hit <c>index_fill_</c> reading such a freed scalar ("Expected false to be true" in
/// <c>Scalar::toBool</c>). The masking paths run on every optimizer step, so they use these.
/// </summary>
internal static class TorchScalars
{
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>1, e.g. the <c>alpha</c> of <c>index_add</c>.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    public static readonly Scalar True = true.ToScalar();
}
