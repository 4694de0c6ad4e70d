namespace Deepstruct.Data;

/// <summary>
/// LeCun's MNIST handwritten digits (60,000 training and 10,000 test images of 28×28 gray pixels),
/// read from its four IDX files into an <see cref="IdxImageDataset"/>; the files have the names and
/// format of Fashion-MNIST's.
/// </summary>
/// <remarks>
/// No Debian package holds MNIST, so there is no default folder: the folder is the argument, else the
/// environment variable <see cref="FolderVariable"/>.
/// </remarks>
public static class Mnist
{
    /// <summary>The environment variable that names the folder when no folder is given.</summary>
    public const string FolderVariable = "DEEPSTRUCT_MNIST";

    /// <summary>The mean of the training pixels scaled to [0, 1], as commonly published (0.1307).</summary>
    public const float Mean = 0.1307f;

    /// <summary>The standard deviation of the training pixels scaled to [0, 1], as commonly published (0.3081).</summary>
    public const float StandardDeviation = 0.3081f;

    /// <summary>Reads the training or the test set.</summary>
    /// <param name="folder">The folder with the files; <see langword="null"/> for the one <see cref="FolderVariable"/> names.</param>
    /// <param name="train">The 60,000 training examples (<c>train-*</c>), or the 10,000 test examples (<c>t10k-*</c>).</param>
    /// <param name="standardize">Standardize the pixels with <see cref="Mean"/> and <see cref="StandardDeviation"/>; otherwise they are in [0, 1].</param>
    /// <exception cref="System.ArgumentException">No folder is given and <see cref="FolderVariable"/> is not set.</exception>
    /// <exception cref="DatasetFileException">A file is missing or malformed; the message names it and the problem.</exception>
    public static IdxImageDataset Load(string? folder = null, bool train = true, bool standardize = false) =>
        IdxDatasetFolder.Load(
            IdxDatasetFolder.Resolve(folder, FolderVariable, defaultFolder: null, nameof(folder)),
            train,
            standardize ? Mean : 0f,
            standardize ? StandardDeviation : 1f,
            $"Put the four IDX files of MNIST ({IdxDatasetFolder.FileList}) in one folder and pass it, or set {FolderVariable} to it.");
}
