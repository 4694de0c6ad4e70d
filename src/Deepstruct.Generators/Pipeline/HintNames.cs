using System.Globalization;
using System.IO;
using System.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>Unique, deterministic names for generated files.</summary>
internal static class HintNames
{
    /// <summary>
    /// <c>nets.1a2b3c4d.Mnist.g.cs</c>: the short hash of the path keeps two <c>nets.dsnet</c> in
    /// different folders apart.
    /// </summary>
    public static string ForFileModel(string path, string modelName) =>
        Sanitize(Path.GetFileNameWithoutExtension(path)) + "." + Hash(path.Replace('\\', '/')) + "." + modelName + ".g.cs";

    /// <summary><c>Namespace.Outer.Model.Dsnet.g.cs</c>.</summary>
    public static string ForClass(string qualifiedName) => Sanitize(qualifiedName) + ".Dsnet.g.cs";

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
