using System;
using System.IO;
using System.Text;

namespace Deepstruct.Export;

/// <summary>Writes a file whole or not at all: into a temporary file beside it, then moved over it.</summary>
internal static class AtomicFile
{
    /// <summary>Writes a UTF-8 text file (without a byte order mark).</summary>
    public static void Write(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            write(writer);
        });

    /// <summary>Writes a file through a stream that <paramref name="write"/> does not need to close.</summary>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"path must name a file, but was '{path}'.", nameof(path));
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(directory))
        {
            // Said up front: otherwise the error names the temporary file, which the user never asked for.
            throw new DirectoryNotFoundException($"Cannot write {fullPath}: the directory {directory} does not exist.");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>Removes a leftover temporary file; a failure here must not replace the error that got us here.</summary>
    private static void DeleteQuietly(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The original error is the one worth reporting; at worst a hidden .tmp file is left behind.
        }
    }
}
