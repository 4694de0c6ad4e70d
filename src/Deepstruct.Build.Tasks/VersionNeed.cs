namespace Deepstruct.Build.Tasks;

/// <summary>One Elf64_Vernaux of a .gnu.version_r section: a needed version, its flags and where the flags are stored.</summary>
internal readonly struct VersionNeed
{
    public VersionNeed(string name, ushort flags, ushort index, long flagsOffset)
    {
        Name = name;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The version's name, e.g. GLIBCXX_3.4.32.</summary>
    public string Name { get; }

    /// <summary>vna_flags: VER_FLG_WEAK (2) among them.</summary>
    public ushort Flags { get; }

    /// <summary>vna_other: the index that .gnu.version gives the symbols of this version.</summary>
    public ushort Index { get; }

    /// <summary>The file offset of vna_flags.</summary>
    public long FlagsOffset { get; }
}
