using System.Buffers.Binary;
using System.Text;

namespace Deepstruct.Build.Tasks.Tests;

/// <summary>
/// Builds a minimal 64-bit little-endian ELF file with just the sections the weakener reads: a string
/// table, .gnu.version_r, and optionally .dynsym, .gnu.version and .rela.dyn. It records where each
/// vna_flags lies, computed here independently of the code under test.
/// </summary>
internal sealed class SyntheticElf
{
    private readonly List<(string File, List<(string Version, ushort Flags, ushort Index)> Versions)> _needs = [];
    private readonly List<(string Name, ushort VersionIndex, bool Relocated)> _symbols = [];

    public Dictionary<(string File, string Version), int> FlagOffsets { get; } = [];

    public SyntheticElf Need(string file, params (string Version, ushort Flags, ushort Index)[] versions)
    {
        _needs.Add((file, versions.ToList()));
        return this;
    }

    public SyntheticElf Symbol(string name, ushort versionIndex, bool relocated)
    {
        _symbols.Add((name, versionIndex, relocated));
        return this;
    }

    public byte[] Build()
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var stringOffsets = new Dictionary<string, int>(StringComparer.Ordinal);
        int StringOf(string text)
        {
            if (!stringOffsets.TryGetValue(text, out var offset))
            {
                offset = (int)strings.Length;
                strings.Write(Encoding.ASCII.GetBytes(text + "\0"));
                stringOffsets[text] = offset;
            }

            return offset;
        }

        foreach (var (library, versions) in _needs)
        {
            StringOf(library);
            versions.ForEach(v => StringOf(v.Version));
        }

        _symbols.ForEach(s => StringOf(s.Name));

        var file = new List<byte>(new byte[64]);
        void Align() { while (file.Count % 8 != 0) { file.Add(0); } }

        var stringsStart = file.Count;
        file.AddRange(strings.ToArray());
        Align();

        var needsStart = file.Count;
        for (var n = 0; n < _needs.Count; n++)
        {
            var (name, versions) = _needs[n];
            var need = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(need.AsSpan(0), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(need.AsSpan(2), (ushort)versions.Count);
            BinaryPrimitives.WriteUInt32LittleEndian(need.AsSpan(4), (uint)StringOf(name));
            BinaryPrimitives.WriteUInt32LittleEndian(need.AsSpan(8), 16);
            BinaryPrimitives.WriteUInt32LittleEndian(need.AsSpan(12), n == _needs.Count - 1 ? 0u : (uint)(16 + (16 * versions.Count)));
            file.AddRange(need);
            for (var v = 0; v < versions.Count; v++)
            {
                var aux = new byte[16];
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(0), (uint)(0x0b792650 + v));
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(4), versions[v].Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(6), versions[v].Index);
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(8), (uint)StringOf(versions[v].Version));
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(12), v == versions.Count - 1 ? 0u : 16u);
                FlagOffsets[(name, versions[v].Version)] = file.Count + 4;
                file.AddRange(aux);
            }
        }

        var needsSize = file.Count - needsStart;
        Align();

        // Symbol 0 is the null symbol, as in every .dynsym.
        var symbolsStart = file.Count;
        file.AddRange(new byte[24]);
        foreach (var symbol in _symbols)
        {
            var entry = new byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(0), (uint)StringOf(symbol.Name));
            entry[4] = 0x12; // STB_GLOBAL, STT_FUNC
            file.AddRange(entry);
        }

        var symbolsSize = file.Count - symbolsStart;
        var versionSymbolsStart = file.Count;
        file.AddRange(new byte[2]);
        foreach (var symbol in _symbols)
        {
            var entry = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, symbol.VersionIndex);
            file.AddRange(entry);
        }

        var versionSymbolsSize = file.Count - versionSymbolsStart;
        Align();
        var relocationsStart = file.Count;
        for (var s = 0; s < _symbols.Count; s++)
        {
            if (_symbols[s].Relocated)
            {
                var entry = new byte[24];
                BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(0), 0x1000 + ((ulong)s * 8));
                BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(8), ((ulong)(s + 1) << 32) | 6); // R_X86_64_GLOB_DAT
                file.AddRange(entry);
            }
        }

        var relocationsSize = file.Count - relocationsStart;
        Align();

        var sections = new List<byte[]>
        {
            new byte[64],
            Section(3, stringsStart, stringsStart, strings.Length, 0, 0, 0),
            Section(0x6ffffffe, needsStart, needsStart, needsSize, 1, _needs.Count, 0),
            Section(11, symbolsStart, symbolsStart, symbolsSize, 1, 1, 24),
            Section(0x6fffffff, versionSymbolsStart, versionSymbolsStart, versionSymbolsSize, 3, 0, 2),
            Section(4, relocationsStart, relocationsStart, relocationsSize, 3, 0, 24),
        };
        var sectionHeaders = file.Count;
        sections.ForEach(file.AddRange);

        var bytes = file.ToArray();
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // ELFDATA2LSB
        bytes[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x10), 3);  // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x12), 62); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x14), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), (ulong)sectionHeaders);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x34), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3a), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3c), (ushort)sections.Count);
        return bytes;
    }

    private static byte[] Section(uint type, long address, long offset, long size, uint link, int info, long entrySize)
    {
        var header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), 2); // SHF_ALLOC
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), (ulong)address);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), link);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), (uint)info);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(48), 8);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(56), (ulong)entrySize);
        return header;
    }
}
