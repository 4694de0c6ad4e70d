using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using Deepstruct.Structures;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A network with a cell (any module) per vertex of a structure, wired like the structure
/// (deepstruct's <c>DeepCellDAN</c>): input cells read the whole input; every other cell reads its
/// predecessors' one-channel outputs stacked as channels; the output cells' channels go through a
/// head (1×1 convolution to <see cref="HeadChannels"/> channels, batch norm, global average pooling,
/// a linear map to <see cref="OutputSize"/>).
/// </summary>
/// <remarks>
/// <para>
/// Inputs are <c>[batch, channels, ..spatial]</c> with one to three spatial dimensions (deepstruct:
/// two). Each cell must return <c>[batch, 1, ..spatial′]</c>; where outputs of different extents meet,
/// the smaller ones are zero-padded at the end of each spatial dimension, as deepstruct does.
/// Predecessors are stacked in ascending vertex order and cells run layer by layer, from the
/// structure's layer index.
/// </para>
/// <para>
/// The cells are registered submodules (<c>cells.{vertex}</c>): <c>parameters()</c>, <c>to()</c>,
/// <c>save</c> and <c>load</c> include them.
/// </para>
/// </remarks>
public class DeepCellDan : nn.Module<Tensor, Tensor>
{
    /// <summary>deepstruct's fixed number of channels of the head's 1×1 convolution.</summary>
    public const int DefaultHeadChannels = 100;

    [ComponentName(Name = "cells")]
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _cells = new();

    [ComponentName(Name = "head_conv")]
    private readonly nn.Module<Tensor, Tensor> _headConvolution;

    [ComponentName(Name = "head_norm")]
    private readonly nn.Module<Tensor, Tensor> _headNorm;

    [ComponentName(Name = "head_fc")]
    private readonly Linear _headLinear;

    private readonly long[] _inputShape;
    private readonly Func<CellSpec, nn.Module<Tensor, Tensor>>? _cellFactory;
    private readonly int[] _inputVertices;
    private readonly int[] _outputVertices;
    private readonly long[] _spatialDimensions;

    /// <summary>Creates the network on <paramref name="structure"/>, asking <paramref name="cell"/> for the cell of each vertex.</summary>
    /// <param name="inputShape">The shape of one example: <c>[channels, ..spatial]</c>, one to three spatial dimensions. Spatial extents of actual inputs may differ.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex.</param>
    /// <param name="cell">Builds the cell of a vertex, in vertex order; each call must return a new module.</param>
    /// <param name="headChannels">Channels of the head's 1×1 convolution (deepstruct: 100).</param>
    /// <exception cref="ArgumentException">A size is out of range, the structure has no vertex, or <paramref name="cell"/> returns <see langword="null"/> or a module it already returned.</exception>
    public DeepCellDan(long[] inputShape, int outputSize, Structure structure, Func<CellSpec, nn.Module<Tensor, Tensor>> cell, int headChannels = DefaultHeadChannels)
        : this(inputShape, outputSize, structure, cell ?? throw new ArgumentNullException(nameof(cell)), headChannels, nameof(DeepCellDan))
    {
    }

    /// <summary>
    /// For derived classes (such as generated models) that build cells by overriding
    /// <see cref="BuildCell"/>, which this constructor calls once per vertex, in vertex order.
    /// </summary>
    /// <param name="inputShape">The shape of one example: <c>[channels, ..spatial]</c>, one to three spatial dimensions.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="structure">The wiring: a DAG with at least one vertex.</param>
    /// <param name="headChannels">Channels of the head's 1×1 convolution (deepstruct: 100).</param>
    /// <exception cref="ArgumentException">A size is out of range, the structure has no vertex, or a cell is <see langword="null"/> or repeated.</exception>
    protected DeepCellDan(long[] inputShape, int outputSize, Structure structure, int headChannels = DefaultHeadChannels)
        : this(inputShape, outputSize, structure, null, headChannels, nameof(DeepCellDan))
    {
    }

    private DeepCellDan(long[] inputShape, int outputSize, Structure structure, Func<CellSpec, nn.Module<Tensor, Tensor>>? cell, int headChannels, string name)
        : base(name)
    {
        _inputShape = InputShapes.Validate(inputShape, nameof(inputShape), out _);
        if (_inputShape.Length is < 2 or > 4)
        {
            throw new ArgumentException(
                $"inputShape must be [channels, ..spatial] with one to three spatial dimensions, but is {MaskedLinear.Describe(_inputShape)}.", nameof(inputShape));
        }

        if (outputSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"outputSize must be at least 1, but was {outputSize}.");
        }

        if (headChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(headChannels), headChannels, $"headChannels must be at least 1, but was {headChannels}.");
        }

        ArgumentNullException.ThrowIfNull(structure);
        if (structure.VertexCount == 0)
        {
            throw new ArgumentException("A DeepCellDan needs a structure with at least one vertex; this one has none.", nameof(structure));
        }

        Structure = structure;
        OutputSize = outputSize;
        HeadChannels = headChannels;
        _cellFactory = cell;
        _spatialDimensions = new long[_inputShape.Length - 1];
        for (var i = 0; i < _spatialDimensions.Length; i++)
        {
            _spatialDimensions[i] = i + 2;
        }

        var inputs = new List<int>();
        var outputs = new List<int>();
        var seen = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        for (var vertex = 0; vertex < structure.VertexCount; vertex++)
        {
            var inDegree = structure.Predecessors(vertex).Length;
            var outDegree = structure.Successors(vertex).Length;
            var spec = new CellSpec(vertex, inDegree == 0, outDegree == 0, inDegree, outDegree, structure.LayerOf(vertex), (int)_inputShape[0]);
            var module = BuildCell(spec)
                ?? throw new ArgumentException($"The cell factory returned null for vertex {vertex} ({spec}).", nameof(cell));
            if (!seen.Add(module))
            {
                throw new ArgumentException($"The cell factory returned, for vertex {vertex}, a module it had already returned for another vertex; each vertex needs its own cell.", nameof(cell));
            }

            _cells.Add(module);
            if (spec.IsInput)
            {
                inputs.Add(vertex);
            }

            if (spec.IsOutput)
            {
                outputs.Add(vertex);
            }
        }

        _inputVertices = inputs.ToArray();
        _outputVertices = outputs.ToArray();
        (_headConvolution, _headNorm) = _spatialDimensions.Length switch
        {
            1 => ((nn.Module<Tensor, Tensor>)nn.Conv1d(_outputVertices.Length, headChannels, 1), (nn.Module<Tensor, Tensor>)nn.BatchNorm1d(headChannels)),
            2 => (nn.Conv2d(_outputVertices.Length, headChannels, 1), nn.BatchNorm2d(headChannels)),
            _ => (nn.Conv3d(_outputVertices.Length, headChannels, 1), nn.BatchNorm3d(headChannels)),
        };
        _headLinear = nn.Linear(headChannels, outputSize);
        RegisterComponents();
    }

    /// <summary>The structure the network is wired like.</summary>
    public Structure Structure { get; }

    /// <summary>The shape of one example given at construction (<c>[channels, ..spatial]</c>).</summary>
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <summary>The input's channels.</summary>
    public int InputChannels => (int)_inputShape[0];

    /// <summary>Outputs per example.</summary>
    public int OutputSize { get; }

    /// <summary>Channels of the head's 1×1 convolution.</summary>
    public int HeadChannels { get; }

    /// <summary>The cells, indexed by vertex.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Cells => new ReadOnlyCollection<nn.Module<Tensor, Tensor>>(_cells);

    /// <summary>The vertices without predecessors, ascending: their cells read the input.</summary>
    public IReadOnlyList<int> InputVertices => _inputVertices;

    /// <summary>The vertices without successors, ascending: their outputs, in this order, are the head's channels.</summary>
    public IReadOnlyList<int> OutputVertices => _outputVertices;

    /// <summary>The head's 1×1 convolution (<c>head_conv</c>): <c>Conv1d</c>, <c>Conv2d</c> or <c>Conv3d</c> by the spatial rank.</summary>
    internal Convolution HeadConvolution => (Convolution)_headConvolution;

    /// <summary>The head's batch norm (<c>head_norm</c>).</summary>
    internal BatchNorm HeadNorm => (BatchNorm)_headNorm;

    /// <summary>The head's linear map (<c>head_fc</c>).</summary>
    internal Linear HeadLinear => _headLinear;

    /// <summary>
    /// The spatial extents that one-channel parts of the given extents are stacked at: per dimension the
    /// largest, the smaller parts zero-padded at the end.
    /// </summary>
    internal static long[] StackedExtents(IEnumerable<long[]> spatialExtents)
    {
        long[]? largest = null;
        foreach (var extents in spatialExtents)
        {
            largest ??= new long[extents.Length];
            for (var d = 0; d < extents.Length; d++)
            {
                largest[d] = Math.Max(largest[d], extents[d]);
            }
        }

        return largest ?? Array.Empty<long>();
    }

    /// <summary>
    /// Builds the cell of one vertex; called by the constructor once per vertex, in vertex order. By
    /// default it calls the factory given to the public constructor. Derived classes override it;
    /// being called from the base constructor, an override must not rely on the derived class's
    /// own constructor having run.
    /// </summary>
    /// <exception cref="InvalidOperationException">No factory was given and the method is not overridden.</exception>
    protected virtual nn.Module<Tensor, Tensor> BuildCell(CellSpec cell) =>
        _cellFactory is not null
            ? _cellFactory(cell)
            : throw new InvalidOperationException($"{GetType().Name} was built without a cell factory, so it must override {nameof(BuildCell)}.");

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not <c>[batch, InputChannels, ..spatial]</c> with the spatial rank of <see cref="InputShape"/>.</exception>
    /// <exception cref="InvalidOperationException">A cell returned something other than <c>[batch, 1, ..spatial]</c>.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dimensions != _inputShape.Length + 1 || input.shape[1] != _inputShape[0])
        {
            throw new ArgumentException(
                $"DeepCellDan expects input of shape [batch, {_inputShape[0]}, ..{_spatialDimensions.Length} spatial], but the input has shape {MaskedLinear.Describe(input.shape)}.",
                nameof(input));
        }

        using var scope = NewDisposeScope();
        var batch = input.shape[0];
        var outputs = new Tensor[_cells.Count];
        var layers = Structure.Layers;
        for (var layer = 0; layer < layers.LayerCount; layer++)
        {
            foreach (var vertex in layers.VerticesOf(layer))
            {
                var predecessors = Structure.Predecessors(vertex);
                Tensor cellInput;
                if (predecessors.Length == 0)
                {
                    cellInput = input;
                }
                else
                {
                    var parts = new Tensor[predecessors.Length];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        parts[i] = outputs[predecessors[i]];
                    }

                    cellInput = StackChannels(parts);
                }

                outputs[vertex] = CheckCellOutput(vertex, _cells[vertex].call(cellInput), batch);
            }
        }

        var heads = new Tensor[_outputVertices.Length];
        for (var i = 0; i < heads.Length; i++)
        {
            heads[i] = outputs[_outputVertices[i]];
        }

        var x = _headNorm.call(_headConvolution.call(StackChannels(heads)));
        // Global average pooling: what deepstruct's adaptive_avg_pool2d to 1×1 plus view computes.
        x = x.mean(_spatialDimensions);
        return _headLinear.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>Concatenates one-channel tensors along the channels, zero-padding each to the largest extent per spatial dimension.</summary>
    private Tensor StackChannels(Tensor[] parts)
    {
        var spatial = _spatialDimensions.Length;
        var largest = StackedExtents(parts.Select(part => part.shape[2..]));

        for (var p = 0; p < parts.Length; p++)
        {
            // functional.pad lists (before, after) pairs from the last dimension backwards.
            var padding = new long[2 * spatial];
            var needed = false;
            for (var d = 0; d < spatial; d++)
            {
                var missing = largest[d] - parts[p].shape[d + 2];
                padding[(2 * (spatial - 1 - d)) + 1] = missing;
                needed |= missing != 0;
            }

            if (needed)
            {
                parts[p] = nn.functional.pad(parts[p], padding);
            }
        }

        return parts.Length == 1 ? parts[0] : cat(parts, 1);
    }

    private Tensor CheckCellOutput(int vertex, Tensor output, long batch)
    {
        if (output is null || output.Dimensions != _inputShape.Length + 1 || output.shape[0] != batch || output.shape[1] != 1)
        {
            var shape = output is null ? "null" : MaskedLinear.Describe(output.shape);
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture,
                "The cell of vertex {0} must return [batch = {1}, 1, ..{2} spatial], but returned {3}.",
                vertex,
                batch,
                _spatialDimensions.Length,
                shape));
        }

        return output;
    }
}
