using Deepstruct.Structures;

namespace Deepstruct.FashionMnistSample;

/// <summary>
/// A structure prior: a small random base graph of a family, grown with <see cref="ScalableDan"/>
/// (each vertex a block of neurons, each edge a complete connection of two blocks) to the scale
/// whose network has the number of weights closest to a target.
/// </summary>
/// <param name="Method">The method's name in the table.</param>
/// <param name="Description">The family and its parameters.</param>
/// <param name="BaseGraph">Draws the base graph for a seed.</param>
public sealed record PriorFamily(string Method, string Description, Func<long, Structure> BaseGraph)
{
    /// <summary>Vertices of every base graph.</summary>
    public const int BaseVertices = 20;

    /// <summary>The four families of the experiments.</summary>
    public static IReadOnlyList<PriorFamily> All { get; } = new[]
    {
        new PriorFamily("prior: small world (WS)", "Watts–Strogatz(20, k 4, p 0.25)", seed => StructureFamilies.WattsStrogatz(BaseVertices, 4, 0.25, seed)),
        new PriorFamily("prior: Erdős–Rényi", "Erdős–Rényi(20, p 0.2)", seed => StructureFamilies.ErdosRenyi(BaseVertices, 0.2, seed)),
        new PriorFamily("prior: Barabási–Albert", "Barabási–Albert(20, m 2)", seed => StructureFamilies.BarabasiAlbert(BaseVertices, 2, seed)),
        new PriorFamily("prior: random DAG", "random DAG(20, p 0.4)", seed => StructureFamilies.RandomDag(BaseVertices, 0.4, seed)),
    };

    /// <summary>
    /// The scale at which the grown network (dense input and output maps included) has the number of
    /// weights closest to <paramref name="targetWeights"/>, and that number.
    /// </summary>
    public static (int Scale, long Weights) MatchScale(ScalableDan grower, long targetWeights, int inputSize, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(grower);
        // The count grows with the scale (block sizes never shrink), so a binary search finds the crossing.
        var low = 1;
        var high = 2;
        while (Weights(grower, high, inputSize, outputSize) < targetWeights && high < 1 << 20)
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (Weights(grower, middle, inputSize, outputSize) < targetWeights)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var lowWeights = Weights(grower, low, inputSize, outputSize);
        var highWeights = Weights(grower, high, inputSize, outputSize);
        return Math.Abs(lowWeights - targetWeights) <= Math.Abs(highWeights - targetWeights) ? (low, lowWeights) : (high, highWeights);
    }

    /// <summary>The weights of the network grown at <paramref name="scale"/>: input map, structure edges, output map.</summary>
    /// <remarks>
    /// Counted from the block sizes, without growing the graph: a block's neurons share their base
    /// vertex's layer (a block has no edges inside), so the input map feeds the blocks of the base's
    /// first layer, the output map reads those of its last, and an edge <c>u → v</c> is <c>b_u · b_v</c> weights.
    /// </remarks>
    public static long Weights(ScalableDan grower, int scale, int inputSize, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(grower);
        var structure = grower.Structure;
        var blocks = grower.BlockSizes(scale);
        long weights = 0;
        foreach (var edge in structure.Edges)
        {
            weights += blocks[edge.Source] * blocks[edge.Target];
        }

        foreach (var vertex in structure.VerticesOf(0))
        {
            weights += inputSize * blocks[vertex];
        }

        foreach (var vertex in structure.VerticesOf(structure.LayerCount - 1))
        {
            weights += outputSize * blocks[vertex];
        }

        return weights;
    }
}
