// An MSBuild task, compiled by RoslynCodeTaskFactory from TorchSharpLoadFix.targets; not part of
// the Deepstruct.Runtime assembly.
//
// Why: a shared library lists, per library it links against, the symbol versions it needs
// (ELF .gnu.version_r: Elf64_Verneed entries, each with a chain of Elf64_Vernaux). glibc refuses
// to load it when a needed version is missing, unless that entry is flagged VER_FLG_WEAK. TorchSharp
// 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 for one symbol that nothing relocates against;
// on systems whose libstdc++ stops earlier (Debian 12: 3.4.30), flagging that one entry weak lets
// the library load and work. This task does that, in place, only where the system lacks the version.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class DeepstructWeakenMissingSymbolVersions : Task
{
    private const uint SectionTypeRela = 4;                         // SHT_RELA
    private const uint SectionTypeRel = 9;                          // SHT_REL
    private const uint SectionTypeDynamicSymbols = 11;              // SHT_DYNSYM
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed
    private const uint SectionTypeVersionSymbols = 0x6fffffff;     // SHT_GNU_versym
    private const ushort VersionFlagWeak = 0x2;                     // VER_FLG_WEAK

    /// <summary>Copies of the library to fix; missing files are ignored.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The soname whose versions are weakened, e.g. libstdc++.so.6.</summary>
    [Required]
    public string Library { get; set; } = string.Empty;

    /// <summary>The versions to weaken when the system's copy of <see cref="Library"/> lacks them.</summary>
    [Required]
    public string[] Versions { get; set; } = Array.Empty<string>();

    /// <summary>The files this run changed.</summary>
    [Output]
    public ITaskItem[] PatchedFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var missing = VersionsMissingFromSystem();
        if (missing.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, "Deepstruct: the system {0} defines {1}; no native library needs fixing.", Library, string.Join(", ", Versions));
            return true;
        }

        var patched = new List<ITaskItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            if (!seen.Add(path) || !File.Exists(path))
            {
                continue;
            }

            try
            {
                if (Weaken(path, missing))
                {
                    patched.Add(new TaskItem(path));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
            {
                Log.LogWarning("Deepstruct: could not mark {0} of {1} weak in {2}: {3} TorchSharp may fail to load on this system.", string.Join(", ", missing), Library, path, ex.Message);
            }
        }

        PatchedFiles = patched.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>Rewrites <paramref name="path"/> with the given versions' needs flagged weak; false if nothing had to change.</summary>
    private bool Weaken(string path, HashSet<string> versions)
    {
        var elf = new ElfFile(File.ReadAllBytes(path), path);
        var flagOffsets = new List<long>();
        var weakened = new List<string>();
        foreach (var need in elf.VersionNeeds(Library))
        {
            if (!versions.Contains(need.Name) || (need.Flags & VersionFlagWeak) != 0)
            {
                continue;
            }

            // Weak only helps if nothing binds to a symbol of that version; otherwise the load would
            // fail later, at the relocation, with a less clear message. Leave such a library alone.
            var bound = elf.RelocatedSymbolsOfVersion(need.Index);
            if (bound.Count > 0)
            {
                Log.LogWarning("Deepstruct: {0} binds {1} of {2} ({3}); marking it weak cannot make the library load on this system.", path, need.Name, Library, string.Join(", ", bound));
                continue;
            }

            flagOffsets.Add(need.FlagsOffset);
            weakened.Add(need.Name);
        }

        if (flagOffsets.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, "Deepstruct: {0} needs no change.", path);
            return false;
        }

        // Write a patched copy beside the file and rename it over the original, so that a hard link
        // into the NuGet cache (CreateHardLinksForCopyLocalIfPossible) is replaced, never edited.
        // The original timestamp is kept: the next build's copy then sees the file as up to date.
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
        Log.LogMessage(MessageImportance.Normal, "Deepstruct: marked {0} of {1} weak in {2}, which this system's {1} lacks.", string.Join(", ", weakened), Library, path);
        return true;
    }

    /// <summary>Which of <see cref="Versions"/> the system's copy of <see cref="Library"/> does not define.</summary>
    private HashSet<string> VersionsMissingFromSystem()
    {
        var missing = new HashSet<string>(Versions, StringComparer.Ordinal);
        var system = FindSystemLibrary();
        if (system is null)
        {
            // Without the library nothing defines the versions; weak needs are then the only way to load.
            Log.LogMessage(MessageImportance.Normal, "Deepstruct: found no system {0}; treating {1} as missing.", Library, string.Join(", ", Versions));
            return missing;
        }

        try
        {
            var defined = new ElfFile(File.ReadAllBytes(system), system).VersionDefinitions();
            missing.ExceptWith(defined);
        }
        catch (InvalidDataException ex)
        {
            // A library without readable section headers: fall back to looking for the names as strings.
            Log.LogMessage(MessageImportance.Low, "Deepstruct: {0}: {1}; searching its strings instead.", system, ex.Message);
            var text = Encoding.ASCII.GetString(File.ReadAllBytes(system));
            missing.RemoveWhere(version => text.Contains("\0" + version + "\0"));
        }

        Log.LogMessage(MessageImportance.Low, "Deepstruct: system {0} is {1}; missing: {2}.", Library, system, string.Join(", ", missing));
        return missing;
    }

    /// <summary>
    /// The copy the dynamic loader would use: the one mapped into this (dotnet) process, which links
    /// the same libstdc++ as the app that will load TorchSharp; else the loader's standard directories.
    /// </summary>
    private string? FindSystemLibrary()
    {
        const string maps = "/proc/self/maps";
        if (File.Exists(maps))
        {
            foreach (var line in File.ReadAllLines(maps))
            {
                var slash = line.IndexOf('/');
                if (slash >= 0 && Path.GetFileName(line.Substring(slash)).StartsWith(Library, StringComparison.Ordinal))
                {
                    return line.Substring(slash);
                }
            }
        }

        var machine = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";
        foreach (var directory in new[] { "/lib/" + machine + "-linux-gnu", "/usr/lib/" + machine + "-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
        {
            var candidate = Path.Combine(directory, Library);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>One Elf64_Vernaux: a needed version, its flags and where the flags are stored.</summary>
    private struct VersionNeed
    {
        public string Name;
        public ushort Flags;
        public ushort Index;
        public long FlagsOffset;
    }

    /// <summary>A read-only view of a 64-bit little-endian ELF file's version sections, found through the section headers.</summary>
    private sealed class ElfFile
    {
        private readonly byte[] _bytes;
        private readonly string _path;

        public ElfFile(byte[] bytes, string path)
        {
            _bytes = bytes;
            _path = path;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            {
                throw Invalid("not an ELF file");
            }

            if (bytes[4] != 2 || bytes[5] != 1)
            {
                throw Invalid("not a 64-bit little-endian ELF file");
            }
        }

        /// <summary>Every version <paramref name="library"/> is needed in, from .gnu.version_r.</summary>
        public List<VersionNeed> VersionNeeds(string library)
        {
            var result = new List<VersionNeed>();
            var section = FindSection(SectionTypeVersionNeeds);
            if (section is null)
            {
                return result;
            }

            var (start, size, strings, count) = section.Value;
            var need = start;
            for (var i = 0; i < count; i++)
            {
                Check(need, 16, start, size);
                var auxCount = ReadUInt16(need + 2);
                var file = ReadString(strings, ReadUInt32(need + 4));
                var aux = need + ReadUInt32(need + 8);
                for (var j = 0; j < auxCount; j++)
                {
                    Check(aux, 16, start, size);
                    if (file == library)
                    {
                        result.Add(new VersionNeed { Name = ReadString(strings, ReadUInt32(aux + 8)), Flags = ReadUInt16(aux + 4), Index = ReadUInt16(aux + 6), FlagsOffset = aux + 4 });
                    }

                    var nextAux = ReadUInt32(aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux += nextAux;
                }

                var next = ReadUInt32(need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }

            return result;
        }

        /// <summary>Every version name the file defines, from .gnu.version_d.</summary>
        public HashSet<string> VersionDefinitions()
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            var section = FindSection(SectionTypeVersionDefinitions);
            if (section is null)
            {
                throw Invalid("no version definition section");
            }

            var (start, size, strings, count) = section.Value;
            var definition = start;
            for (var i = 0; i < count; i++)
            {
                Check(definition, 20, start, size);
                if (ReadUInt16(definition + 6) > 0)
                {
                    // The first Elf64_Verdaux names the version itself; the others name its parents.
                    var aux = definition + ReadUInt32(definition + 12);
                    Check(aux, 8, start, size);
                    result.Add(ReadString(strings, ReadUInt32(aux)));
                }

                var next = ReadUInt32(definition + 16);
                if (next == 0)
                {
                    break;
                }

                definition += next;
            }

            return result;
        }

        /// <summary>
        /// The names of dynamic symbols of version index <paramref name="versionIndex"/> that some
        /// relocation (.rela.dyn, .rela.plt, or REL forms) refers to.
        /// </summary>
        public List<string> RelocatedSymbolsOfVersion(ushort versionIndex)
        {
            var result = new List<string>();
            var symbols = FindSection(SectionTypeDynamicSymbols);
            var versionSymbols = FindSection(SectionTypeVersionSymbols);
            if (symbols is null || versionSymbols is null)
            {
                return result;
            }

            var (symbolStart, symbolSize, symbolNames, _) = symbols.Value;
            var (versionStart, versionSize, _, _) = versionSymbols.Value;
            var symbolCount = symbolSize / 24;
            var seen = new HashSet<long>();
            foreach (var (start, size, entrySize) in RelocationSections())
            {
                for (var entry = start; entry + entrySize <= start + size; entry += entrySize)
                {
                    var symbol = (long)(ReadUInt32(entry + 12)); // high half of r_info
                    if (symbol == 0 || symbol >= symbolCount || !seen.Add(symbol))
                    {
                        continue;
                    }

                    Check(versionStart + (symbol * 2), 2, versionStart, versionSize);
                    if ((ReadUInt16(versionStart + (symbol * 2)) & 0x7fff) == versionIndex)
                    {
                        Check(symbolStart + (symbol * 24), 24, symbolStart, symbolSize);
                        result.Add(ReadString(symbolNames, ReadUInt32(symbolStart + (symbol * 24))));
                    }
                }
            }

            return result;
        }

        public ushort ReadUInt16(long offset) => (ushort)(_bytes[offset] | (_bytes[offset + 1] << 8));

        private uint ReadUInt32(long offset) => (uint)(ReadUInt16(offset) | (ReadUInt16(offset + 2) << 16));

        private long ReadInt64(long offset)
        {
            var value = (long)ReadUInt32(offset) | ((long)ReadUInt32(offset + 4) << 32);
            if (value < 0)
            {
                throw Invalid("an offset out of range");
            }

            return value;
        }

        /// <summary>Every SHT_RELA and SHT_REL section: its file range and entry size.</summary>
        private IEnumerable<(long Start, long Size, long EntrySize)> RelocationSections()
        {
            foreach (var header in SectionHeaders())
            {
                var type = ReadUInt32(header + 4);
                if (type == SectionTypeRela || type == SectionTypeRel)
                {
                    var start = ReadInt64(header + 24);
                    var size = ReadInt64(header + 32);
                    Check(start, size, 0, _bytes.Length);
                    yield return (start, size, type == SectionTypeRela ? 24 : 16);
                }
            }
        }

        /// <summary>The file offsets of every section header.</summary>
        private List<long> SectionHeaders()
        {
            var headers = ReadInt64(0x28);
            var headerSize = ReadUInt16(0x3a);
            long headerCount = ReadUInt16(0x3c);
            if (headers == 0 || headerSize < 64)
            {
                throw Invalid("no section headers");
            }

            if (headerCount == 0)
            {
                // More than 0xff00 sections: the real count is in section 0's sh_size.
                Check(headers, 64, 0, _bytes.Length);
                headerCount = ReadInt64(headers + 32);
            }

            Check(headers, headerCount * headerSize, 0, _bytes.Length);
            var result = new List<long>();
            for (long i = 0; i < headerCount; i++)
            {
                result.Add(headers + (i * headerSize));
            }

            return result;
        }

        /// <summary>The section of the given type: its file range, the file offset of its linked string table and its entry count (sh_info).</summary>
        private (long Start, long Size, long Strings, long Count)? FindSection(uint type)
        {
            var headers = SectionHeaders();
            foreach (var header in headers)
            {
                if (ReadUInt32(header + 4) != type)
                {
                    continue;
                }

                var start = ReadInt64(header + 24);
                var size = ReadInt64(header + 32);
                var link = ReadUInt32(header + 40);
                Check(start, size, 0, _bytes.Length);
                if (link >= headers.Count)
                {
                    throw Invalid("a section linked to a missing string table");
                }

                var strings = ReadInt64(headers[(int)link] + 24);
                return (start, size, strings, ReadUInt32(header + 44));
            }

            return null;
        }

        private string ReadString(long table, uint offset)
        {
            var start = table + offset;
            var end = start;
            while (end < _bytes.Length && _bytes[end] != 0)
            {
                end++;
            }

            if (end >= _bytes.Length)
            {
                throw Invalid("an unterminated string");
            }

            return Encoding.ASCII.GetString(_bytes, (int)start, (int)(end - start));
        }

        private void Check(long offset, long length, long sectionStart, long sectionSize)
        {
            if (offset < sectionStart || length < 0 || offset + length > sectionStart + sectionSize || offset + length > _bytes.Length)
            {
                throw Invalid("a structure that runs past its section");
            }
        }

        private InvalidDataException Invalid(string what) => new InvalidDataException(_path + " is malformed or unsupported: " + what + ".");
    }
}
