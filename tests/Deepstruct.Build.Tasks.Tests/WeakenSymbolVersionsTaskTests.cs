using System.Collections;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Deepstruct.Build.Tasks.Tests;

public sealed class WeakenSymbolVersionsTaskTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deepstruct-task-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_task_marks_a_version_that_the_build_machines_libstdcxx_defines_too()
    {
        // GLIBCXX_3.4.21 is in every libstdc++ of the last ten years, the build machine's included:
        // the task must not decide from the build machine, since the app may run somewhere older.
        var elf = new SyntheticElf().Need("libstdc++.so.6", ("GLIBCXX_3.4.21", 0, 2));
        var original = elf.Build();
        var path = Path.Combine(_directory, "libLibTorchSharp.so");
        File.WriteAllBytes(path, original);
        var engine = new RecordingBuildEngine();
        var task = new WeakenSymbolVersions { BuildEngine = engine, Files = [new TaskItem(path)], Library = "libstdc++.so.6", Versions = ["GLIBCXX_3.4.21"] };

        Assert.True(task.Execute());

        Assert.Equal([path], task.PatchedFiles.Select(f => f.ItemSpec));
        Assert.Equal(0x2, File.ReadAllBytes(path)[elf.FlagOffsets[("libstdc++.so.6", "GLIBCXX_3.4.21")]]);
    }

    [Fact]
    public void The_task_skips_missing_files_and_warns_about_files_it_cannot_read_without_failing_the_build()
    {
        var notElf = Path.Combine(_directory, "libLibTorchSharp.so");
        File.WriteAllText(notElf, "not a library");
        var engine = new RecordingBuildEngine();
        var task = new WeakenSymbolVersions
        {
            BuildEngine = engine,
            Files = [new TaskItem(Path.Combine(_directory, "missing.so")), new TaskItem(notElf)],
            Library = "libstdc++.so.6",
            Versions = ["GLIBCXX_3.4.32"],
        };

        Assert.True(task.Execute());

        Assert.Empty(task.PatchedFiles);
        var warning = Assert.Single(engine.Warnings);
        Assert.Contains(notElf, warning, StringComparison.Ordinal);
        Assert.Contains("not an ELF file", warning, StringComparison.Ordinal);
        Assert.Equal("not a library", File.ReadAllText(notElf));
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<string> Warnings { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => throw new InvalidOperationException(e.Message);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e.Message ?? string.Empty);
    }
}
