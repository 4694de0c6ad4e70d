using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Deepstruct.Build.Tasks;

/// <summary>A read-only view of a 64-bit little-endian ELF file's version sections, found through the section headers.</summary>
internal sealed class ElfFile
{
    private const uint SectionTypeRela = 4;                     // SHT_RELA
    private const uint SectionTypeRel = 9;                      // SHT_REL
    private const uint SectionTypeDynamicSymbols = 11;          // SHT_DYNSYM
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;    // SHT_GNU_verneed
    private const uint SectionTypeVersionSymbols = 0x6fffffff;  // SHT_GNU_versym

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
                    result.Add(new VersionNeed(ReadString(strings, ReadUInt32(aux + 8)), ReadUInt16(aux + 4), ReadUInt16(aux + 6), aux + 4));
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

    public ushort ReadUInt16(long offset) =>
        offset >= 0 && offset + 2 <= _bytes.Length ? (ushort)(_bytes[offset] | (_bytes[offset + 1] << 8)) : throw Invalid("an offset out of range");

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
