using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Data;

/// <summary>
/// An artificial dataset (deepstruct's <c>FunctionalDataset</c>): each input is drawn by a sampler and
/// its target is a function of it. A TorchSharp dataset: use it with
/// <see cref="TorchSharp.Modules.DataLoader"/>, whose batches hold the keys <see cref="InputKey"/>
/// (<c>[batch, ..InputShape]</c>) and <see cref="TargetKey"/>.
/// </summary>
/// <remarks>
/// Inputs come from the structure core's <see cref="DeterministicRandom"/>, not from a torch
/// generator: its algorithm and seeding are specified by this project, so a seed gives the same data
/// on every OS and TorchSharp/LibTorch version, like the random graph families. All examples are drawn
/// and their targets computed once, when the dataset is created (deepstruct does it at the first
/// access), and kept as two tensors (float32 inputs; targets in the dtype of the first target); reading an example costs a view. A DataLoader created with
/// its default <c>disposeDataset: true</c> disposes the dataset with itself.
/// </remarks>
public sealed class FunctionalDataset : TorchSharp.torch.utils.data.Dataset
{
    /// <summary>The key of the inputs in an example and in a DataLoader's batch.</summary>
    public const string InputKey = "input";

    /// <summary>The key of the targets in an example and in a DataLoader's batch.</summary>
    public const string TargetKey = "target";

    private const string FileMagic = "Deepstruct.FunctionalDataset";
    private const int FileVersion = 1;

    private readonly Tensor _inputs;
    private readonly Tensor _targets;
    private readonly long[] _inputShape;

    /// <summary>Draws <paramref name="size"/> examples and computes their targets.</summary>
    /// <param name="function">Maps one input, a float32 tensor of <paramref name="inputShape"/>, to its target; every target must have the same shape.</param>
    /// <param name="size">The number of examples.</param>
    /// <param name="inputShape">The shape of one input.</param>
    /// <param name="sampler">
    /// Draws the values of one input, in row-major order, from the given generator; by default each
    /// value is uniform in [-1, 1).
    /// </param>
    /// <param name="seed">Seeds the generator the sampler draws from.</param>
    /// <exception cref="ArgumentException">The size or a dimension is below 1, the sampler gives the wrong number of values, or targets differ in shape.</exception>
    public FunctionalDataset(Func<Tensor, Tensor> function, int size, long[] inputShape, Func<DeterministicRandom, float[]>? sampler = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, string.Format(CultureInfo.InvariantCulture, "size must be at least 1, but was {0}.", size));
        }

        _inputShape = InputShapes.Validate(inputShape, nameof(inputShape), out var inputSize);
        if ((long)inputSize * size > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"size = {size} examples of {inputSize} values exceed {int.MaxValue} values.");
        }

        var random = new DeterministicRandom(seed);
        sampler ??= UniformSampler(inputSize);
        var values = new float[(long)inputSize * size];
        for (var example = 0; example < size; example++)
        {
            var drawn = sampler(random) ?? throw new ArgumentException($"The sampler returned null for example {example}.", nameof(sampler));
            if (drawn.Length != inputSize)
            {
                throw new ArgumentException(
                    $"The sampler must return {inputSize} values (inputShape = [{string.Join(", ", _inputShape)}]), but returned {drawn.Length} for example {example}.",
                    nameof(sampler));
            }

            Array.Copy(drawn, 0, values, (long)example * inputSize, inputSize);
        }

        var shape = new long[_inputShape.Length + 1];
        shape[0] = size;
        Array.Copy(_inputShape, 0, shape, 1, _inputShape.Length);
        // Created outside any caller's dispose scope: the dataset owns its tensors until it is disposed.
        _inputs = tensor(values, shape).DetachFromDisposeScope();
        _targets = ComputeTargets(function, _inputs).DetachFromDisposeScope();
    }

    private FunctionalDataset(Tensor inputs, Tensor targets)
    {
        _inputs = inputs;
        _targets = targets;
        _inputShape = inputs.shape[1..];
    }

    /// <summary>The shape of one input.</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>The shape of one target.</summary>
    public IReadOnlyList<long> TargetShape => _targets.shape[1..];

    /// <summary>All inputs, <c>[Count, ..InputShape]</c>; owned by the dataset.</summary>
    public Tensor Inputs => _inputs;

    /// <summary>All targets, <c>[Count, ..TargetShape]</c>; owned by the dataset.</summary>
    public Tensor Targets => _targets;

    /// <summary>The number of examples.</summary>
    public override long Count => _inputs.shape[0];

    /// <summary>Example <paramref name="index"/>: its input under <see cref="InputKey"/> and target under <see cref="TargetKey"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in <c>0..Count-1</c>.</exception>
    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Format(CultureInfo.InvariantCulture, "index = {0} is not an example; examples are 0..{1}.", index, Count - 1));
        }

        return new Dictionary<string, Tensor> { [InputKey] = _inputs[index], [TargetKey] = _targets[index] };
    }

    /// <summary>
    /// Saves the examples (deepstruct's <c>save</c>) in TorchSharp's tensor format behind a small
    /// header; the file is written whole or not at all (a temporary file beside it, then a move).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public void Save(string path)
    {
        var fullPath = FullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new BinaryWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)))
            {
                writer.Write(FileMagic);
                writer.Write(FileVersion);
                _inputs.Save(writer);
                _targets.Save(writer);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Loads examples saved by <see cref="Save"/> (deepstruct's <c>load</c>).</summary>
    /// <exception cref="ArgumentException">The file is not a saved <see cref="FunctionalDataset"/>.</exception>
    public static FunctionalDataset Load(string path)
    {
        var fullPath = FullPath(path);
        using var reader = new BinaryReader(File.OpenRead(fullPath));
        Tensor? inputs = null;
        Tensor? targets = null;
        try
        {
            if (reader.BaseStream.Length < FileMagic.Length + sizeof(int) || reader.ReadString() != FileMagic)
            {
                throw new ArgumentException($"{fullPath} is not a saved FunctionalDataset: its header is missing.", nameof(path));
            }

            var version = reader.ReadInt32();
            if (version != FileVersion)
            {
                throw new ArgumentException($"{fullPath} was saved in format version {version}; this version reads {FileVersion}.", nameof(path));
            }

            inputs = Tensor.Load(reader).DetachFromDisposeScope();
            targets = Tensor.Load(reader).DetachFromDisposeScope();
            if (inputs.dim() < 2 || targets.dim() < 1 || inputs.shape[0] != targets.shape[0] || inputs.shape[0] < 1)
            {
                throw new ArgumentException(
                    $"{fullPath} holds inputs of shape [{string.Join(", ", inputs.shape)}] and targets of shape [{string.Join(", ", targets.shape)}], which are not examples.", nameof(path));
            }

            return new FunctionalDataset(inputs, targets);
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or InvalidOperationException or FormatException)
        {
            inputs?.Dispose();
            targets?.Dispose();
            throw new ArgumentException($"{fullPath} is not a saved FunctionalDataset: {exception.Message}", nameof(path), exception);
        }
        catch
        {
            inputs?.Dispose();
            targets?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inputs.Dispose();
            _targets.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Func<DeterministicRandom, float[]> UniformSampler(int inputSize) => random =>
    {
        var values = new float[inputSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble()) - 1);
        }

        return values;
    };

    private static Tensor ComputeTargets(Func<Tensor, Tensor> function, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var targets = new Tensor[inputs.shape[0]];
        long[]? shape = null;
        var dtype = ScalarType.Float32;
        for (var example = 0; example < targets.Length; example++)
        {
            var target = function(inputs[example]) ?? throw new ArgumentException($"The function returned null for example {example}.", nameof(function));
            if (shape is null)
            {
                shape = target.shape;
                dtype = target.dtype;
            }

            if (!ShapesEqual(shape, target.shape))
            {
                throw new ArgumentException(
                    $"Every target must have one shape, but example 0 gave [{string.Join(", ", shape)}] and example {example} gave [{string.Join(", ", target.shape)}].",
                    nameof(function));
            }

            targets[example] = target.dtype == dtype ? target : target.to_type(dtype);
        }

        return stack(targets).MoveToOuterDisposeScope();
    }

    private static string FullPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"path must name a file, but was '{path}'.", nameof(path));
        }

        return Path.GetFullPath(path);
    }

    private static bool ShapesEqual(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);
}
