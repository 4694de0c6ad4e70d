using System;
using System.IO;

namespace Deepstruct.Data;

/// <summary>
/// A data file is missing or malformed. The message names the file, what is wrong with it and, for a
/// dataset that comes from a package, how to install it.
/// </summary>
public sealed class DatasetFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or, when a folder is missing, the file looked for).</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="hint">How to get a good file, or <see langword="null"/>.</param>
    /// <param name="innerException">The error that revealed the problem, if any.</param>
    public DatasetFileException(string filePath, string problem, string? hint = null, Exception? innerException = null)
        : base(hint is null ? $"{filePath}: {problem}" : $"{filePath}: {problem} {hint}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
        Hint = hint;
    }

    /// <summary>The file that is missing or malformed.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }

    /// <summary>How to get a good file, or <see langword="null"/>.</summary>
    public string? Hint { get; }
}
