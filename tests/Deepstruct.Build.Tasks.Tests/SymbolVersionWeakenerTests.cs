using System.Buffers.Binary;
using System.Reflection;

namespace Deepstruct.Build.Tasks.Tests;

public sealed class SymbolVersionWeakenerTests : IDisposable
{
    private const string Libstdcxx = "libstdc++.so.6";
    private static readonly string[] Missing = ["GLIBCXX_3.4.32"];

    private readonly string _directory = Directory.CreateTempSubdirectory("deepstruct-elf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A library like libLibTorchSharp.so: several libstdc++ versions, and the same version name needed from another library.</summary>
    private static SyntheticElf LikeLibTorchSharp(ushort flags = 0) => new SyntheticElf()
        .Need("libc.so.6", ("GLIBC_2.2.5", 0, 2), ("GLIBCXX_3.4.32", 0, 3))
        .Need(Libstdcxx, ("CXXABI_1.3", 0, 4), ("GLIBCXX_3.4.32", flags, 5), ("GLIBCXX_3.4.21", 0, 6))
        .Symbol("_ZNSt8ios_base4InitC1Ev", 6, relocated: true)
        .Symbol("_ZSt21ios_base_library_initv", 5, relocated: false);

    private string Write(byte[] bytes, string name = "libLibTorchSharp.so")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Weakening_flags_exactly_the_needed_version_of_the_library_and_changes_no_other_byte()
    {
        var elf = LikeLibTorchSharp();
        var original = elf.Build();
        var path = Write(original);

        var outcome = SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        var expected = (byte[])original.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(expected.AsSpan(elf.FlagOffsets[(Libstdcxx, "GLIBCXX_3.4.32")]), 0x2);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(Missing, outcome.Weakened);
        Assert.Empty(outcome.Bound);
    }

    [Fact]
    public void Weakening_keeps_the_other_flags_of_the_entry()
    {
        var elf = LikeLibTorchSharp(flags: 0x1);
        var path = Write(elf.Build());

        SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        Assert.Equal(0x3, BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(elf.FlagOffsets[(Libstdcxx, "GLIBCXX_3.4.32")])));
    }

    [Fact]
    public void Weakening_twice_changes_nothing_the_second_time()
    {
        var path = Write(LikeLibTorchSharp().Build());
        SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);
        var once = File.ReadAllBytes(path);

        var outcome = SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        Assert.Empty(outcome.Weakened);
        Assert.Equal(once, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_that_does_not_need_the_version_is_not_rewritten()
    {
        var original = new SyntheticElf().Need(Libstdcxx, ("GLIBCXX_3.4.21", 0, 2)).Need("libc.so.6", ("GLIBCXX_3.4.32", 0, 3)).Build();
        var path = Write(original);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        var outcome = SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        Assert.Empty(outcome.Weakened);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_version_that_a_relocation_binds_is_left_alone_and_reported()
    {
        var original = LikeLibTorchSharp().Symbol("_ZSt4cout", 5, relocated: true).Build();
        var path = Write(original);

        var outcome = SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        Assert.Empty(outcome.Weakened);
        Assert.Equal(["_ZSt4cout"], outcome.Bound["GLIBCXX_3.4.32"]);
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void The_patched_file_replaces_the_original_so_a_hard_link_into_the_package_cache_is_not_edited()
    {
        var original = LikeLibTorchSharp().Build();
        var cached = Write(original, "cached.so");
        var copy = Path.Combine(_directory, "libLibTorchSharp.so");
        CreateHardLink(cached, copy);
        var stamp = new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(copy, stamp);

        SymbolVersionWeakener.Weaken(copy, Libstdcxx, Missing);

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.NotEqual(original, File.ReadAllBytes(copy));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(200)]
    public void A_truncated_file_is_refused_as_invalid_data_and_left_as_it_was(int keep)
    {
        var original = LikeLibTorchSharp().Build()[..keep];
        var path = Write(original);

        Assert.Throws<InvalidDataException>(() => SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing));

        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void TorchSharps_own_library_gets_exactly_its_GLIBCXX_3_4_32_need_flagged_weak()
    {
        var package = typeof(SymbolVersionWeakenerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TorchSharpPackage").Value!;
        var original = File.ReadAllBytes(Path.Combine(package, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        var path = Write(original);

        var outcome = SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing);

        Assert.Equal(Missing, outcome.Weakened);
        var patched = File.ReadAllBytes(path);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        var offset = Assert.Single(changed);
        Assert.Equal(original[offset] | 0x2, patched[offset]);
        Assert.Empty(SymbolVersionWeakener.Weaken(path, Libstdcxx, Missing).Weakened);
    }

    private static void CreateHardLink(string existing, string link)
    {
        using var process = System.Diagnostics.Process.Start("ln", [existing, link]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
