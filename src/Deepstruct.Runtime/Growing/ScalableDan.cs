using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Deepstruct.Graphs;
using Deepstruct.Structures;

namespace Deepstruct;

/// <summary>
/// Grows a small base graph into a large network (deepstruct's <c>ScalableDAN</c>): each vertex
/// becomes a block of neurons whose size is its proportion of the scale, each edge the complete
/// connection of its two blocks, and a <see cref="MaskedDeepDan"/> is wired on the result.
/// </summary>
/// <remarks>
/// Growing is the structure core's <see cref="StructureOperations.Scale(Structure, IReadOnlyList{long})"/>
/// with <see cref="StructureOperations.ScaledBlockSizes"/>, which the <c>.dsnet</c> language's
/// <c>scale</c> uses too, so both grow a graph alike. A block has <c>max(1, round(proportion · scale))</c>
/// vertices, rounding half to even as numpy does; deepstruct can make an empty block, which drops the
/// vertex and its edges (a deliberate difference). Blocks are numbered in ascending vertex order
/// (deepstruct: layer by layer): the grown graph's first <c>BlockSizes(scale)[0]</c> vertices are the
/// lowest base vertex's block, the next ones the second lowest's, and so on.
/// </remarks>
public sealed class ScalableDan
{
    private const double ProportionTolerance = 1e-5;

    private readonly StructureLayering _base;
    private readonly double[] _shares;

    // The shares keyed by the structure's vertex index, as the core's ScaledBlockSizes takes them; null when equal.
    private readonly Dictionary<int, double>? _shareByIndex;

    /// <summary>Prepares to grow <paramref name="structure"/>.</summary>
    /// <param name="structure">The base graph; it is read now, later changes to it are not seen.</param>
    /// <param name="proportions">
    /// Each vertex's share of the neurons, summing to 1 (within 10⁻⁵); null shares them equally.
    /// </param>
    /// <exception cref="ArgumentException">The graph is empty or cyclic, or the proportions do not give every vertex a share in [0, 1] summing to 1.</exception>
    public ScalableDan(LayeredGraph structure, IReadOnlyDictionary<int, double>? proportions = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        _base = structure.ToLayering();
        var n = _base.Structure.VertexCount;
        if (n == 0)
        {
            throw new ArgumentException("structure must have at least one vertex to grow, but has none.", nameof(structure));
        }

        _shares = new double[n];
        if (proportions is null)
        {
            Array.Fill(_shares, 1.0 / n);
        }
        else
        {
            _shares = Shares(proportions, n);
            _shareByIndex = new Dictionary<int, double>(n);
            for (var index = 0; index < n; index++)
            {
                _shareByIndex.Add(index, _shares[index]);
            }
        }

        Structure = _base.Structure;
    }

    /// <summary>
    /// Random, almost equal proportions for the vertices of <paramref name="structure"/> (deepstruct's
    /// <c>uniform_proportions</c>): a draw from the symmetric Dirichlet distribution with the given
    /// <paramref name="concentration"/> (deepstruct: 100; larger is closer to equal), drawn in ascending
    /// vertex order from the core's <see cref="DeterministicRandom"/>, so a seed gives the same
    /// proportions on every platform.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concentration"/> is below 1 or not finite.</exception>
    public static Dictionary<int, double> UniformProportions(LayeredGraph structure, long seed, double concentration = 100)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (!(concentration >= 1) || double.IsInfinity(concentration))
        {
            throw new ArgumentOutOfRangeException(
                nameof(concentration), concentration, string.Format(CultureInfo.InvariantCulture, "concentration must be a finite number of at least 1, but was {0}.", concentration));
        }

        var layering = structure.ToLayering();
        var shares = new DeterministicRandom(seed).NextDirichlet(layering.Structure.VertexCount, concentration);
        var proportions = new Dictionary<int, double>(shares.Length);
        for (var index = 0; index < shares.Length; index++)
        {
            proportions.Add(layering.LabelOf(index), shares[index]);
        }

        return proportions;
    }

    /// <summary>The base graph as a structure (vertices renumbered ascending, as <see cref="LayeredGraph.ToStructure"/> does).</summary>
    public Structure Structure { get; }

    /// <summary>The share of <paramref name="vertex"/>, a vertex of the base graph.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vertex"/> is not a vertex of the base graph.</exception>
    public double Proportion(int vertex) => _shares[IndexOf(vertex, nameof(vertex))];

    /// <summary>The block size of every base vertex at <paramref name="scale"/>, by vertex in ascending order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is below 1.</exception>
    public IReadOnlyList<long> BlockSizes(int scale)
    {
        CheckScale(scale);
        return StructureOperations.ScaledBlockSizes(_shares.Length, scale, _shareByIndex);
    }

    /// <summary>Grows the base graph: each vertex a block, each edge the complete connection of two blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is below 1 or the grown graph would be too large.</exception>
    public CachedLayeredGraph Grow(int scale) => LayeredGraph.FromStructure(GrowStructure(scale));

    /// <summary>Grows the base graph (see <see cref="Grow"/>) and wires a <see cref="MaskedDeepDan"/> on it.</summary>
    /// <param name="inputSize">Features per example.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="scale">How many neurons the blocks share.</param>
    /// <param name="options">The network's options; <see langword="null"/> for <see cref="GrownDefaults"/> (layer norm on, deepstruct's default for grown networks).</param>
    /// <exception cref="ArgumentException">A size or the scale is below 1, or an option is not defined.</exception>
    public MaskedDeepDan Build(int inputSize, int outputSize, int scale, DanOptions? options = null) =>
        new(inputSize, outputSize, GrowStructure(scale), options ?? GrownDefaults);

    /// <summary>Grows the base graph and wires a <see cref="MaskedDeepDan"/> for inputs of shape <c>[batch, ..inputShape]</c>.</summary>
    /// <param name="inputShape">The shape of one example, flattened by the network.</param>
    /// <param name="outputSize">Outputs per example.</param>
    /// <param name="scale">How many neurons the blocks share.</param>
    /// <param name="options">The network's options; <see langword="null"/> for <see cref="GrownDefaults"/> (layer norm on, deepstruct's default for grown networks).</param>
    /// <exception cref="ArgumentException">The shape is empty, a size or the scale is below 1, or an option is not defined.</exception>
    public MaskedDeepDan Build(long[] inputShape, int outputSize, int scale, DanOptions? options = null) =>
        new(inputShape, outputSize, GrowStructure(scale), options ?? GrownDefaults);

    /// <summary>The options <see cref="Build(int, int, int, DanOptions?)"/> uses when given none: <see cref="DanOptions.Default"/> with layer norm on, as deepstruct grows networks.</summary>
    public static DanOptions GrownDefaults { get; } = new() { LayerNorm = true };

    private Structure GrowStructure(int scale)
    {
        var sizes = BlockSizes(scale);
        // Limits are enforced before anything is built: the grown size follows from the block sizes.
        long vertices = 0;
        foreach (var size in sizes)
        {
            vertices += size;
        }

        var edges = StructureOperations.ScaledEdgeCount(Structure, sizes);
        if (vertices > int.MaxValue || edges > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale), scale, string.Format(CultureInfo.InvariantCulture, "scale = {0} grows the graph beyond {1} vertices or edges.", scale, int.MaxValue));
        }

        return StructureOperations.Scale(Structure, sizes).Structure;
    }

    private int IndexOf(int vertex, string parameterName) =>
        _base.TryGetIndex(vertex, out var index)
            ? index
            : throw new ArgumentOutOfRangeException(parameterName, vertex, string.Format(CultureInfo.InvariantCulture, "{0} = {1} is not a vertex of the base graph.", parameterName, vertex));

    private double[] Shares(IReadOnlyDictionary<int, double> proportions, int n)
    {
        if (proportions.Count != n)
        {
            throw new ArgumentException($"proportions must give each of the {n} vertices a share, but has {proportions.Count} entries.", nameof(proportions));
        }

        var shares = new double[n];
        var sum = 0.0;
        foreach (var (vertex, share) in proportions)
        {
            if (!(share >= 0 && share <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(proportions), share, string.Format(CultureInfo.InvariantCulture, "The share of vertex {0} must lie in [0, 1], but was {1}.", vertex, share));
            }

            shares[IndexOf(vertex, nameof(proportions))] = share;
            sum += share;
        }

        if (Math.Abs(sum - 1) > ProportionTolerance)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "proportions must sum to 1, but sum to {0}.", sum), nameof(proportions));
        }

        return shares;
    }

    private static void CheckScale(int scale)
    {
        if (scale < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, string.Format(CultureInfo.InvariantCulture, "scale must be at least 1, but was {0}.", scale));
        }
    }
}
