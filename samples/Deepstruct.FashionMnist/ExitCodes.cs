namespace Deepstruct.FashionMnistSample;

/// <summary>The sample's exit codes (documented in its README and in docs/results.md).</summary>
public static class ExitCodes
{
    /// <summary>The experiments ran and the results were written.</summary>
    public const int Success = 0;

    /// <summary>An argument is unknown or has a bad value.</summary>
    public const int BadArguments = 2;

    /// <summary>The Fashion-MNIST files are missing or malformed; the message says how to install them.</summary>
    public const int DataMissing = 3;
}
