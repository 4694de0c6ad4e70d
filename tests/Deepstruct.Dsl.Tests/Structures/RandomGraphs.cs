using CsCheck;
using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

/// <summary>Generators of random graphs for property tests.</summary>
public static class RandomGraphs
{
    /// <summary>A random DAG: random pairs directed along a random ranking of the vertices, so edges are not index-ordered.</summary>
    public static readonly Gen<(int VertexCount, Edge[] Edges)> Dag =
        Gen.Int[1, 40].SelectMany(n => Gen.Select(
            Gen.Shuffle(Enumerable.Range(0, n).ToArray()),
            Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Array[0, 4 * n],
            (rank, pairs) => (n, pairs
                .Where(p => p.Item1 != p.Item2)
                .Select(p => rank[p.Item1] < rank[p.Item2] ? new Edge(p.Item1, p.Item2) : new Edge(p.Item2, p.Item1))
                .ToArray())));

    /// <summary>A random DAG plus a planted cycle through 2..6 distinct vertices.</summary>
    public static readonly Gen<(int VertexCount, Edge[] Edges)> WithPlantedCycle =
        Dag.Where(g => g.VertexCount >= 2).SelectMany(g => Gen.Shuffle(Enumerable.Range(0, g.VertexCount).ToArray())
            .SelectMany(order => Gen.Int[2, Math.Min(6, g.VertexCount)].Select(length =>
            {
                var cycle = order.Take(length).ToArray();
                var planted = cycle.Select((v, i) => new Edge(v, cycle[(i + 1) % length]));
                return (g.VertexCount, g.Edges.Concat(planted).ToArray());
            })));

    /// <summary>Any directed graph without self-loops, cyclic or not.</summary>
    public static readonly Gen<(int VertexCount, Edge[] Edges)> Any =
        Gen.Int[1, 25].SelectMany(n => Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Array[0, 2 * n]
            .Select(pairs => (n, pairs.Where(p => p.Item1 != p.Item2).Select(p => new Edge(p.Item1, p.Item2)).ToArray())));

    /// <summary>The layer by definition, by memoised recursion over predecessors (quadratic, for checking only).</summary>
    public static int[] ReferenceLayers(int vertexCount, IEnumerable<Edge> edges)
    {
        var predecessors = Enumerable.Range(0, vertexCount).Select(_ => new List<int>()).ToArray();
        foreach (var edge in edges)
        {
            predecessors[edge.Target].Add(edge.Source);
        }

        var layers = Enumerable.Repeat(-1, vertexCount).ToArray();
        int Layer(int v) => layers[v] >= 0 ? layers[v] : layers[v] = predecessors[v].Count == 0 ? 0 : 1 + predecessors[v].Max(Layer);
        return Enumerable.Range(0, vertexCount).Select(Layer).ToArray();
    }

    /// <summary>Whether the graph has a cycle, by depth-first search with colours.</summary>
    public static bool HasCycle(int vertexCount, IEnumerable<Edge> edges)
    {
        var successors = Enumerable.Range(0, vertexCount).Select(_ => new List<int>()).ToArray();
        foreach (var edge in edges)
        {
            successors[edge.Source].Add(edge.Target);
        }

        var colour = new int[vertexCount];
        bool Visit(int v)
        {
            colour[v] = 1;
            foreach (var w in successors[v])
            {
                if (colour[w] == 1 || (colour[w] == 0 && Visit(w)))
                {
                    return true;
                }
            }

            colour[v] = 2;
            return false;
        }

        return Enumerable.Range(0, vertexCount).Any(v => colour[v] == 0 && Visit(v));
    }
}
