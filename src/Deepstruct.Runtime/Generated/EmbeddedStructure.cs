using System.ComponentModel;
using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// Decodes the structure a generated model embeds: the generated code's entry point to
/// <see cref="StructureEncoding.DecodePacked"/>, which holds the packing beside its inverse.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedStructure
{
    /// <summary>Unpacks <paramref name="packed"/> into <paramref name="length"/> bytes and decodes the structure.</summary>
    /// <exception cref="System.ArgumentException">The data is shorter than <paramref name="length"/> or not a valid encoding.</exception>
    public static Structure Decode(string packed, int length) => StructureEncoding.DecodePacked(packed, length);
}
