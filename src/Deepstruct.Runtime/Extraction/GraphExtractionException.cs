using System;

namespace Deepstruct.Extraction;

/// <summary>
/// Extraction cannot go on at one module: it is of an unsupported kind, its input or output does not
/// fit the neurons before it, running it on the random input failed, or the graph would exceed a
/// limit. The message names the module (its path in the model and its type) and the reason.
/// </summary>
public sealed class GraphExtractionException : ArgumentException
{
    /// <summary>Creates the exception for the module at <paramref name="modulePath"/> of type <paramref name="moduleType"/>.</summary>
    public GraphExtractionException(string modulePath, string moduleType, string reason, Exception? innerException = null)
        : base($"Cannot extract a graph at {Describe(modulePath, moduleType)}: {reason}", innerException)
    {
        ModulePath = modulePath;
        ModuleType = moduleType;
        Reason = reason;
    }

    /// <summary>The module's path in the model, as <c>named_modules()</c> gives it (empty for the model itself).</summary>
    public string ModulePath { get; }

    /// <summary>The module's type name, such as <c>MaxPool2d</c>.</summary>
    public string ModuleType { get; }

    /// <summary>Why extraction stopped there.</summary>
    public string Reason { get; }

    /// <summary>How messages name a module: <c>'features.2' (MaxPool2d)</c>, or <c>the model (MaskedDeepFfn)</c>.</summary>
    internal static string Describe(string modulePath, string moduleType) =>
        modulePath.Length == 0 ? $"the model ({moduleType})" : $"'{modulePath}' ({moduleType})";
}
