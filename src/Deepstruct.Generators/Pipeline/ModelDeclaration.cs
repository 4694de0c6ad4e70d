using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// Where a model is declared (a <c>.dsnet</c> model's name, a <c>[Dsnet]</c> class's identifier) and
/// the full name it takes, as plain data: two declarations of one full name are duplicates (DS2004).
/// </summary>
/// <param name="FullName">Namespace and name, nested types joined by <c>+</c> (a metadata name).</param>
/// <param name="Name">The model's (class's) simple name.</param>
/// <param name="Path">The file.</param>
/// <param name="Span">The name's span in the file.</param>
/// <param name="LineSpan">The name's line span in the file.</param>
internal sealed record ModelDeclaration(string FullName, string Name, string Path, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary><c>path(line,column)</c>, 1-based, as the compiler prints a place.</summary>
    public string Place => PlaceOf(Path, LineSpan.Start);

    public static string PlaceOf(string path, LinePosition start) =>
        path + "(" + (start.Line + 1).ToString(CultureInfo.InvariantCulture) + "," + (start.Character + 1).ToString(CultureInfo.InvariantCulture) + ")";

    public Location Location => Location.Create(Path, Span, LineSpan);

    public static ModelDeclaration? At(string fullName, string name, Location location)
    {
        if (!location.IsInSource && location.Kind != LocationKind.ExternalFile)
        {
            return null;
        }

        var lines = location.GetLineSpan();
        return new ModelDeclaration(fullName, name, lines.Path, location.SourceSpan, lines.Span);
    }
}
