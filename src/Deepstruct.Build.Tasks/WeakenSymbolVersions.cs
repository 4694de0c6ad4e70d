using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Deepstruct.Build.Tasks;

/// <summary>
/// Marks needed symbol versions weak in copies of a native library, so that the library loads on
/// systems whose dependency lacks those versions. TorchSharp 0.107's libLibTorchSharp.so needs
/// GLIBCXX_3.4.32 for one symbol that nothing relocates against; Debian 12's libstdc++ stops at
/// 3.4.30, and glibc refuses the whole library unless that need is weak. Which system the app will
/// run on is unknown at build time, and a weak need is harmless where the version exists, so every
/// copy is marked, whatever the build machine has.
/// </summary>
public sealed class WeakenSymbolVersions : Microsoft.Build.Utilities.Task
{
    /// <summary>Copies of the library to fix; files that do not exist are skipped.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The soname whose versions are weakened, e.g. libstdc++.so.6.</summary>
    [Required]
    public string Library { get; set; } = string.Empty;

    /// <summary>The versions to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string[] Versions { get; set; } = Array.Empty<string>();

    /// <summary>The files this run changed.</summary>
    [Output]
    public ITaskItem[] PatchedFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        var versions = new HashSet<string>(Versions, StringComparer.Ordinal);
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
                var outcome = SymbolVersionWeakener.Weaken(path, Library, versions);
                foreach (var pair in outcome.Bound)
                {
                    Log.LogWarning("Deepstruct: {0} binds {1} of {2} ({3}); marking it weak could not make the library load where {2} lacks it.", path, pair.Key, Library, string.Join(", ", pair.Value));
                }

                if (outcome.Weakened.Count > 0)
                {
                    patched.Add(new TaskItem(path));
                    Log.LogMessage(MessageImportance.Normal, "Deepstruct: marked {0} of {1} weak in {2}.", string.Join(", ", outcome.Weakened), Library, path);
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, "Deepstruct: {0} needs no change.", path);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogWarning("Deepstruct: could not mark {0} of {1} weak in {2}: {3} TorchSharp may fail to load where {1} lacks them.", string.Join(", ", Versions), Library, path, exception.Message);
            }
        }

        PatchedFiles = patched.ToArray();
        return !Log.HasLoggedErrors;
    }
}
