using System;
using System.Collections.Generic;
using System.IO;

namespace Deepstruct.Build.Tasks;

/// <summary>
/// Flags needed symbol versions weak (VER_FLG_WEAK) in a 64-bit little-endian ELF shared library.
/// glibc refuses to load a library that needs a version its dependency lacks, unless the need is
/// weak; a weak need costs nothing where the version exists. Only the two flag bytes of each chosen
/// Elf64_Vernaux change; a version that some relocation binds is left alone (weak would not help).
/// </summary>
internal static class SymbolVersionWeakener
{
    private const ushort VersionFlagWeak = 0x2; // VER_FLG_WEAK

    /// <summary>
    /// Flags weak, in <paramref name="path"/>, each need of <paramref name="library"/> (a soname such as
    /// libstdc++.so.6) for one of <paramref name="versions"/> that is not weak yet and that no relocation
    /// binds. The file is rewritten only if something changes: as a patched copy renamed over it, so a
    /// hard link into the NuGet cache is replaced, never edited; its timestamp is kept, so the next
    /// build's copy step still sees it as up to date.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file, or is malformed.</exception>
    public static WeakenOutcome Weaken(string path, string library, ICollection<string> versions)
    {
        var elf = new ElfFile(File.ReadAllBytes(path), path);
        var flagOffsets = new List<long>();
        var weakened = new List<string>();
        var bound = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var need in elf.VersionNeeds(library))
        {
            if (!versions.Contains(need.Name) || (need.Flags & VersionFlagWeak) != 0)
            {
                continue;
            }

            var symbols = elf.RelocatedSymbolsOfVersion(need.Index);
            if (symbols.Count > 0)
            {
                bound[need.Name] = symbols;
                continue;
            }

            flagOffsets.Add(need.FlagsOffset);
            weakened.Add(need.Name);
        }

        if (flagOffsets.Count > 0)
        {
            var temporary = path + ".deepstruct-tmp";
            var lastWrite = File.GetLastWriteTimeUtc(path);
            File.Copy(path, temporary, overwrite: true);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                foreach (var offset in flagOffsets)
                {
                    var flags = (ushort)(elf.ReadUInt16(offset) | VersionFlagWeak);
                    stream.Position = offset;
                    stream.WriteByte((byte)flags);
                    stream.WriteByte((byte)(flags >> 8));
                }
            }

            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Delete(path);
            File.Move(temporary, path);
        }

        return new WeakenOutcome(weakened, bound);
    }
}
