using System;
using System.Collections.Generic;

namespace Deepstruct.Data;

/// <summary>
/// Zalando's Fashion-MNIST (60,000 training and 10,000 test images of 28×28 gray pixels, ten classes)
/// read from its four IDX files into an <see cref="IdxImageDataset"/>.
/// </summary>
/// <remarks>
/// The folder is, in order: the argument, the environment variable <see cref="FolderVariable"/>, and
/// <see cref="DefaultFolder"/>, where the Debian package <c>dataset-fashion-mnist</c> installs the
/// files. Every error about a missing or malformed file says how to install the package.
/// </remarks>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the four gzip files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The environment variable that names the folder when no folder is given.</summary>
    public const string FolderVariable = "DEEPSTRUCT_FASHION_MNIST";

    /// <summary>
    /// The mean of the training pixels scaled to [0, 1], measured on the package's files
    /// (0.2860406; the commonly published 0.2860).
    /// </summary>
    public const float Mean = 0.2860406f;

    /// <summary>
    /// The standard deviation (over all pixels, of the population) of the training pixels scaled to
    /// [0, 1], measured on the package's files (0.3530242; the commonly published 0.3530).
    /// </summary>
    public const float StandardDeviation = 0.3530242f;

    /// <summary>The names of the classes, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <summary>The folder <see cref="Load"/> reads: <paramref name="folder"/>, else <see cref="FolderVariable"/>, else <see cref="DefaultFolder"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty.</exception>
    public static string ResolveFolder(string? folder = null) => IdxDatasetFolder.Resolve(folder, FolderVariable, DefaultFolder, nameof(folder));

    /// <summary>Reads the training or the test set.</summary>
    /// <param name="folder">The folder with the files; <see langword="null"/> for <see cref="ResolveFolder"/>'s choice.</param>
    /// <param name="train">The 60,000 training examples (<c>train-*</c>), or the 10,000 test examples (<c>t10k-*</c>).</param>
    /// <param name="standardize">
    /// Standardize the pixels with <see cref="Mean"/> and <see cref="StandardDeviation"/> (for both
    /// sets, as usual); otherwise they are in [0, 1].
    /// </param>
    /// <exception cref="DatasetFileException">A file is missing or malformed; the message names it, the problem and how to install the package.</exception>
    public static IdxImageDataset Load(string? folder = null, bool train = true, bool standardize = false) =>
        IdxDatasetFolder.Load(
            ResolveFolder(folder),
            train,
            standardize ? Mean : 0f,
            standardize ? StandardDeviation : 1f,
            $"Install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), which puts the files in {DefaultFolder}, or set {FolderVariable} to a folder with the four IDX files ({IdxDatasetFolder.FileList}).");
}
