using System.Reflection;

namespace Deepstruct.Generators.Tests.Infrastructure;

/// <summary>
/// Exact comparison of text against <c>Snapshots/NAME.verified.cs</c> beside the tests.
/// Set <c>DEEPSTRUCT_UPDATE_SNAPSHOTS=1</c> to rewrite the files instead (then review the diff).
/// The generator's version in <c>[GeneratedCode]</c> stands as <c>{version}</c> in the files, so a
/// version bump leaves them as they are; the text must carry the generator assembly's version there.
/// </summary>
internal static class Snapshot
{
    private static readonly string ProjectDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    private static readonly string GeneratedCodeVersion = "\"Deepstruct.Generators\", \"" + typeof(DsnetGenerator).Assembly.GetName().Version + "\"";

    public static void Verify(string actual, string name)
    {
        actual = actual.Replace(GeneratedCodeVersion, "\"Deepstruct.Generators\", \"{version}\"", StringComparison.Ordinal);
        var directory = Path.Combine(ProjectDirectory, "Snapshots");
        var path = Path.Combine(directory, name + ".verified.cs");
        if (Environment.GetEnvironmentVariable("DEEPSTRUCT_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; run with DEEPSTRUCT_UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
