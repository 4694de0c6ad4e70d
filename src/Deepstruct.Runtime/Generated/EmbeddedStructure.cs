using System;
using System.ComponentModel;
using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// Decodes the structure a generated model embeds. The generator packs the compact encoding
/// (<see cref="StructureEncoding"/>) two bytes to a UTF-16 code unit, low byte first, into a
/// string constant: one byte of metadata per byte of structure, and far cheaper for the compiler
/// than a <c>byte[]</c> initializer with a million elements.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedStructure
{
    /// <summary>Unpacks <paramref name="packed"/> into <paramref name="length"/> bytes and decodes the structure.</summary>
    /// <exception cref="ArgumentException">The data is shorter than <paramref name="length"/> or not a valid encoding.</exception>
    public static Structure Decode(string packed, int length)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (length < 0 || (length + 1) / 2 > packed.Length)
        {
            throw new ArgumentException($"The embedded structure holds {packed.Length * 2L} bytes, fewer than the {length} expected.", nameof(length));
        }

        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            var unit = packed[i / 2];
            bytes[i] = (byte)((i & 1) == 0 ? unit : unit >> 8);
        }

        return StructureEncoding.Decode(bytes);
    }
}
