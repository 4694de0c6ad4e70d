using System;
using System.Collections.Generic;
using System.Globalization;
using static TorchSharp.torch;

namespace Deepstruct.Data;

/// <summary>
/// Images and their labels from a pair of IDX files in the MNIST layout: an unsigned-byte image file
/// of dimensions <c>[N, rows, columns]</c> and an unsigned-byte label file of <c>[N]</c>. A TorchSharp
/// dataset: a <see cref="TorchSharp.Modules.DataLoader"/> batches it under <see cref="InputKey"/>
/// (float32 <c>[batch, 1, rows, columns]</c>) and <see cref="TargetKey"/> (int64 <c>[batch]</c>).
/// </summary>
/// <remarks>
/// Pixels are scaled from 0..255 to [0, 1], then standardized as <c>(x - mean) / standardDeviation</c>
/// (the defaults, 0 and 1, leave them in [0, 1]). Images keep a channel dimension, as torchvision's
/// <c>ToTensor</c> gives them, so they fit a convolution; a fully connected model flattens them with
/// <c>reshape(batch, -1)</c>. Everything is read once, when the dataset is created; reading an example
/// costs a view. See <see cref="FashionMnist"/> and <see cref="Mnist"/> for the standard files.
/// </remarks>
public sealed class IdxImageDataset : TorchSharp.torch.utils.data.Dataset
{
    /// <summary>The key of the images in an example and in a DataLoader's batch.</summary>
    public const string InputKey = "input";

    /// <summary>The key of the labels in an example and in a DataLoader's batch.</summary>
    public const string TargetKey = "target";

    private readonly Tensor _images;
    private readonly Tensor _labels;

    /// <summary>Reads the images and labels and normalizes the images.</summary>
    /// <param name="imagesPath">An IDX file of unsigned bytes, <c>[N, rows, columns]</c>, raw or gzip.</param>
    /// <param name="labelsPath">An IDX file of unsigned bytes, <c>[N]</c>, raw or gzip.</param>
    /// <param name="mean">Subtracted from every pixel after scaling to [0, 1].</param>
    /// <param name="standardDeviation">Divides every pixel after subtracting the mean; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite or <paramref name="standardDeviation"/> not positive and finite.</exception>
    /// <exception cref="DatasetFileException">A file is missing, is not IDX, has the wrong element type or dimensions, or the counts of images and labels differ.</exception>
    public IdxImageDataset(string imagesPath, string labelsPath, float mean = 0f, float standardDeviation = 1f)
        : this(imagesPath, labelsPath, mean, standardDeviation, hint: null)
    {
    }

    internal IdxImageDataset(string imagesPath, string labelsPath, float mean, float standardDeviation, string? hint)
    {
        if (!float.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, string.Format(CultureInfo.InvariantCulture, "mean must be finite, but was {0}.", mean));
        }

        if (!float.IsFinite(standardDeviation) || standardDeviation <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, string.Format(CultureInfo.InvariantCulture, "standardDeviation must be positive and finite, but was {0}.", standardDeviation));
        }

        var images = IdxFile.Read(imagesPath, hint);
        Require(images, 3, "images", "[count, rows, columns]", hint);
        var labels = IdxFile.Read(labelsPath, hint);
        Require(labels, 1, "labels", "[count]", hint);
        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new DatasetFileException(
                labels.FilePath,
                $"It holds {labels.Dimensions[0]} labels, but the image file {images.FilePath} holds {images.Dimensions[0]} images; they must be as many.",
                hint);
        }

        Mean = mean;
        StandardDeviation = standardDeviation;
        // Created outside any caller's dispose scope: the dataset owns its tensors until it is disposed.
        using (var scope = NewDisposeScope())
        {
            var pixels = images.ToTensor().unsqueeze(1).to_type(ScalarType.Float32).div_(255f);
            if (mean != 0f || standardDeviation != 1f)
            {
                pixels = pixels.sub_(mean).div_(standardDeviation);
            }

            _images = pixels.DetachFromDisposeScope();
            _labels = labels.ToTensor().to_type(ScalarType.Int64).DetachFromDisposeScope();
        }
    }

    /// <summary>All images, float32 <c>[Count, 1, rows, columns]</c>, normalized; owned by the dataset.</summary>
    public Tensor Images => _images;

    /// <summary>All labels, int64 <c>[Count]</c>; owned by the dataset.</summary>
    public Tensor Labels => _labels;

    /// <summary>The shape of one image, <c>[1, rows, columns]</c>.</summary>
    public IReadOnlyList<long> ImageShape => _images.shape[1..];

    /// <summary>The mean subtracted from the scaled pixels.</summary>
    public float Mean { get; }

    /// <summary>The standard deviation the pixels were divided by.</summary>
    public float StandardDeviation { get; }

    /// <summary>The number of examples.</summary>
    public override long Count => _images.shape[0];

    /// <summary>Example <paramref name="index"/>: its image under <see cref="InputKey"/> and label under <see cref="TargetKey"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in <c>0..Count-1</c>.</exception>
    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Format(CultureInfo.InvariantCulture, "index = {0} is not an example; examples are 0..{1}.", index, Count - 1));
        }

        return new Dictionary<string, Tensor> { [InputKey] = _images[index], [TargetKey] = _labels[index] };
    }

    /// <summary>
    /// Copies of the first <paramref name="count"/> examples (all of them when <see langword="null"/> or more than
    /// <see cref="Count"/>), for training loops that slice batches from memory: images <c>[n, 1, rows, columns]</c>, or
    /// <c>[n, rows · columns]</c> when <paramref name="flatten"/>, and labels <c>[n]</c>. The caller owns both.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public (Tensor Images, Tensor Labels) Take(long? count = null, bool flatten = false)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Format(CultureInfo.InvariantCulture, "count = {0} is negative; take 0 or more examples.", count));
        }

        var n = Math.Min(count ?? Count, Count);
        using var scope = NewDisposeScope();
        var images = _images.narrow(0, 0, n);
        var taken = (flatten ? images.reshape(n, -1) : images).contiguous().clone();
        var labels = _labels.narrow(0, 0, n).clone();
        return (taken.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _images.Dispose();
            _labels.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void Require(IdxData data, int rank, string what, string layout, string? hint)
    {
        if (data.ElementType != IdxElementType.UnsignedByte)
        {
            throw new DatasetFileException(data.FilePath, $"A file of {what} must hold unsigned bytes (element type 0x08), but it holds {data.ElementType} (0x{(int)data.ElementType:X2}).", hint);
        }

        if (data.Dimensions.Count != rank)
        {
            throw new DatasetFileException(
                data.FilePath,
                $"A file of {what} has {rank} dimension{(rank == 1 ? "" : "s")} {layout}, but it has {data.Dimensions.Count}: [{string.Join(", ", data.Dimensions)}].",
                hint);
        }
    }
}
