using System;

namespace Deepstruct.Syntax;

/// <summary>
/// Interns identifier text straight from the source without allocating for names seen before:
/// a file of a million edges names each vertex many times, and one string per name keeps both
/// the parser's allocations and the binder's lookups cheap.
/// </summary>
internal sealed class NameTable
{
    private string?[] _entries = new string?[256];
    private int[] _hashes = new int[256];
    private int _count;

    public string Intern(string text, int start, int length)
    {
        var hash = Hash(text, start, length);
        var mask = _entries.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _entries[slot];
            if (entry is null)
            {
                break;
            }

            if (_hashes[slot] == hash && entry.Length == length && string.CompareOrdinal(entry, 0, text, start, length) == 0)
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        var interned = text.Substring(start, length);
        _entries[slot] = interned;
        _hashes[slot] = hash;
        if (++_count * 2 > _entries.Length)
        {
            Grow();
        }

        return interned;
    }

    private static int Hash(string text, int start, int length)
    {
        // FNV-1a over UTF-16 code units; the top bit cleared so that it can index.
        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash ^ text[i]) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private void Grow()
    {
        var entries = new string?[_entries.Length * 2];
        var hashes = new int[entries.Length];
        var mask = entries.Length - 1;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i] is null)
            {
                continue;
            }

            var slot = _hashes[i] & mask;
            while (entries[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }

            entries[slot] = _entries[i];
            hashes[slot] = _hashes[i];
        }

        _entries = entries;
        _hashes = hashes;
    }
}
