using System.Globalization;
using System.IO;
using System.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Unique, deterministic names for generated files. The compiler compares hint names without case
/// and a readable name must drop characters a file name cannot hold, so two models could share a
/// readable name (<c>A‿B</c> and <c>A_B</c>, <c>Net</c> and <c>NET</c>); a duplicate hint name
/// throws inside the generator (CS8785) and takes every model of the project with it. Each name
/// therefore carries a 64-bit hash of the model's full identity, compared with case.
/// </summary>
internal static class HintNames
{
    /// <summary>
    /// <c>nets.0123456789abcdef.Mnist.g.cs</c>: the hash is of the model's full name, which is unique in a
    /// project (a duplicate is DS2004 and not generated), and not of the file's path, so a build from
    /// another folder names its files alike (reproducible builds).
    /// </summary>
    public static string ForFileModel(string path, string fullName) =>
        Sanitize(Path.GetFileNameWithoutExtension(path)) + "." + Hash("file\n" + fullName) + "." + Sanitize(fullName.Substring(fullName.LastIndexOf('.') + 1)) + ".g.cs";

    /// <summary><c>Namespace.Outer.Model.0123456789abcdef.Dsnet.g.cs</c>: the hash is of the class's metadata name.</summary>
    public static string ForClass(string qualifiedName, string metadataName) =>
        Sanitize(qualifiedName) + "." + Hash("class\n" + metadataName) + ".Dsnet.g.cs";

    /// <summary>FNV-1a (64 bits) over the UTF-8 bytes: stable across processes and platforms, unlike string.GetHashCode.</summary>
    public static string Hash(string text)
    {
        var hash = 14695981039346656037ul;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211ul);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
