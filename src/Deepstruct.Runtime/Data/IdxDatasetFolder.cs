using System;
using System.IO;

namespace Deepstruct.Data;

/// <summary>Finds the four files of an MNIST-layout dataset in a folder, compressed or not.</summary>
internal static class IdxDatasetFolder
{
    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";

    internal static IdxImageDataset Load(string folder, bool train, float mean, float standardDeviation, string hint)
    {
        var fullFolder = Path.GetFullPath(folder);
        var images = Find(fullFolder, train ? TrainImages : TestImages, hint);
        var labels = Find(fullFolder, train ? TrainLabels : TestLabels, hint);
        return new IdxImageDataset(images, labels, mean, standardDeviation, hint);
    }

    /// <summary>The gzip file of the name if it exists (as published), else the uncompressed one.</summary>
    private static string Find(string folder, string name, string hint)
    {
        var compressed = Path.Combine(folder, name + ".gz");
        if (File.Exists(compressed))
        {
            return compressed;
        }

        var raw = Path.Combine(folder, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        var problem = Directory.Exists(folder)
            ? $"The file does not exist (neither {name}.gz nor {name} is in {folder})."
            : $"The file does not exist: the folder {folder} does not exist.";
        throw new DatasetFileException(compressed, problem, hint);
    }

    internal static string FileList => $"{TrainImages}.gz, {TrainLabels}.gz, {TestImages}.gz and {TestLabels}.gz, or the same uncompressed";

    internal static string Resolve(string? folder, string variable, string? defaultFolder, string parameterName)
    {
        if (folder is not null)
        {
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new ArgumentException($"folder must name a folder, but was '{folder}'.", parameterName);
            }

            return folder;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return defaultFolder ?? throw new ArgumentException($"No folder given and {variable} is not set: pass the folder with the four IDX files ({FileList}) or set {variable} to it.", parameterName);
    }
}
