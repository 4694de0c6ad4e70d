using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// Graph families as structures. Undirected graphs are oriented from the lower to the higher
/// vertex index. Deterministic families number vertices exactly as networkx does; random families
/// draw from <see cref="DeterministicRandom"/> in the order documented on each method, so a seed
/// gives the same graph everywhere (they do not reproduce networkx's draws). Every argument is
/// checked first, with the message naming it and its value (see <see cref="FamilySizes"/>).
/// </summary>
public static class StructureFamilies
{
    /// <summary>
    /// networkx's <c>balanced_tree(r, h)</c>: every inner vertex has <paramref name="r"/> children,
    /// leaves are at depth <paramref name="h"/>; breadth-first numbering (children of <c>v</c> are
    /// <c>r·v + 1 … r·v + r</c>). <c>h = 0</c> is a single vertex.
    /// </summary>
    public static Structure BalancedTree(int r, int h)
    {
        var n = Guard.FitsInt32(FamilySizes.BalancedTree(r, h).Vertices, "vertexCount");
        var edges = new EdgeAccumulator(n - 1);
        for (var child = 1; child < n; child++)
        {
            edges.Add((child - 1) / r, child);
        }

        return edges.ToStructure(n);
    }

    /// <summary>
    /// networkx's <c>grid_2d_graph(m, n)</c> relabelled in node order: vertex <c>(i, j)</c> is
    /// <c>i·n + j</c>; each vertex joins its right and lower neighbour.
    /// </summary>
    public static Structure Grid2D(int m, int n)
    {
        var size = FamilySizes.Grid2D(m, n);
        var vertexCount = Guard.FitsInt32(size.Vertices, "vertexCount");
        var edges = new EdgeAccumulator(size.MaxEdges);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var vertex = (i * n) + j;
                if (i + 1 < m)
                {
                    edges.Add(vertex, vertex + n);
                }

                if (j + 1 < n)
                {
                    edges.Add(vertex, vertex + 1);
                }
            }
        }

        return edges.ToStructure(vertexCount);
    }

    /// <summary>networkx's <c>path_graph(n)</c>: <c>0 → 1 → … → n−1</c>.</summary>
    public static Structure Path(int n)
    {
        FamilySizes.Path(n);
        var edges = new EdgeAccumulator(n - 1);
        for (var v = 0; v + 1 < n; v++)
        {
            edges.Add(v, v + 1);
        }

        return edges.ToStructure(n);
    }

    /// <summary>networkx's <c>complete_graph(n)</c>, oriented: <c>i → j</c> for every <c>i &lt; j</c>.</summary>
    public static Structure Complete(int n)
    {
        var size = FamilySizes.Complete(n);
        var edges = new EdgeAccumulator(Guard.FitsInt32(size.MaxEdges, "edgeCount"));
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                edges.Add(i, j);
            }
        }

        return edges.ToStructure(n);
    }

    /// <summary>networkx's <c>star_graph(n)</c>: <paramref name="n"/> + 1 vertices, the centre 0 joined to each leaf <c>1 … n</c>.</summary>
    public static Structure Star(int n)
    {
        var vertexCount = Guard.FitsInt32(FamilySizes.Star(n).Vertices, "vertexCount");
        var edges = new EdgeAccumulator(n);
        for (var leaf = 1; leaf <= n; leaf++)
        {
            edges.Add(0, leaf);
        }

        return edges.ToStructure(vertexCount);
    }

    /// <summary>
    /// Watts–Strogatz small world (networkx's algorithm): a ring lattice joining each vertex to its
    /// ⌊k/2⌋ next vertices; then for <c>j = 1 … ⌊k/2⌋</c>, for <c>u = 0 … n−1</c>, one Bernoulli(p)
    /// draw decides whether the lattice edge <c>u – (u+j) mod n</c> is rewired to <c>u – w</c>, with
    /// <c>w</c> drawn uniformly (<see cref="DeterministicRandom.NextInt"/>) until it is neither
    /// <c>u</c> nor a neighbour of <c>u</c> (no rewiring when <c>u</c> already neighbours every
    /// vertex). Keeps exactly n·⌊k/2⌋ edges; <c>k = n</c> gives the complete graph.
    /// </summary>
    public static Structure WattsStrogatz(int n, int k, double p, long seed)
    {
        FamilySizes.WattsStrogatz(n, k, p);
        if (k == n)
        {
            return Complete(n);
        }

        return SmallWorld(n, k, p, seed, static (graph, u, v, w) =>
        {
            graph.RemoveEdge(u, v);
            graph.AddEdge(u, w);
        });
    }

    /// <summary>
    /// Newman–Watts–Strogatz small world (networkx's algorithm): the ring lattice of
    /// <see cref="WattsStrogatz"/>, then for each lattice edge <c>u – (u+j) mod n</c> in the same
    /// order one Bernoulli(p) draw decides whether a shortcut <c>u – w</c> is added, <c>w</c> drawn
    /// as in <see cref="WattsStrogatz"/>. No edge is removed.
    /// </summary>
    public static Structure NewmanWattsStrogatz(int n, int k, double p, long seed)
    {
        FamilySizes.NewmanWattsStrogatz(n, k, p);
        if (k == n)
        {
            return Complete(n);
        }

        return SmallWorld(n, k, p, seed, static (graph, u, _, w) => graph.AddEdge(u, w));
    }

    /// <summary>
    /// Erdős–Rényi G(n, p), every pair <c>i &lt; j</c> an edge with probability <paramref name="p"/>,
    /// oriented <c>i → j</c>. Drawn in O(n + edges) by geometric skipping (Batagelj and Brandes):
    /// pairs are visited by <c>j</c>, then <c>i</c>, and each gap is ⌊log(1 − U)/log(1 − p)⌋ for one
    /// <see cref="DeterministicRandom.NextDouble"/> U, with a logarithm computed from IEEE operations
    /// only so that every platform skips alike.
    /// </summary>
    public static Structure ErdosRenyi(int n, double p, long seed)
    {
        FamilySizes.ErdosRenyi(n, p);
        return RandomPairs(n, p, seed);
    }

    /// <summary>
    /// A random DAG on <paramref name="n"/> vertices: each pair <c>i &lt; j</c> is an edge
    /// <c>i → j</c> with probability <paramref name="p"/>. The same draws as
    /// <see cref="ErdosRenyi"/> with the same seed, so the two give the same structure.
    /// </summary>
    public static Structure RandomDag(int n, double p, long seed)
    {
        FamilySizes.RandomDag(n, p);
        return RandomPairs(n, p, seed);
    }

    /// <summary>
    /// Barabási–Albert preferential attachment (networkx's algorithm): start from the star on
    /// <c>m + 1</c> vertices; each new vertex <c>s = m+1 … n−1</c> joins <paramref name="m"/> distinct
    /// targets drawn uniformly from the list of degree-weighted endpoints
    /// (<see cref="DeterministicRandom.NextInt"/>, repeats redrawn), which then grows by the targets
    /// in draw order and by <c>m</c> copies of <c>s</c>. Exactly m·(n − m) edges.
    /// </summary>
    public static Structure BarabasiAlbert(int n, int m, long seed)
    {
        var size = FamilySizes.BarabasiAlbert(n, m);
        var random = new DeterministicRandom(seed);
        var edges = new EdgeAccumulator(size.MaxEdges);
        var endpoints = new List<int>(Guard.FitsInt32(2 * size.MaxEdges, "edgeCount"));
        for (var leaf = 1; leaf <= m; leaf++)
        {
            edges.Add(0, leaf);
            endpoints.Add(0);
        }

        for (var leaf = 1; leaf <= m; leaf++)
        {
            endpoints.Add(leaf);
        }

        var targets = new List<int>(m);
        for (var source = m + 1; source < n; source++)
        {
            targets.Clear();
            while (targets.Count < m)
            {
                var candidate = endpoints[random.NextInt(endpoints.Count)];
                if (!targets.Contains(candidate))
                {
                    targets.Add(candidate);
                }
            }

            foreach (var target in targets)
            {
                edges.AddOriented(source, target);
                endpoints.Add(target);
            }

            for (var copy = 0; copy < m; copy++)
            {
                endpoints.Add(source);
            }
        }

        return edges.ToStructure(n);
    }

    /// <summary>
    /// The draws both small-world families share: over the ring lattice's edges <c>u – v = (u+j) mod n</c>,
    /// j outer, u inner, one Bernoulli(p) draw each; on success, unless u neighbours every vertex,
    /// a uniform non-neighbour w of u is drawn and <paramref name="change"/> applied to (u, v, w).
    /// </summary>
    private static Structure SmallWorld(int n, int k, double p, long seed, Action<UndirectedNeighbourhoods, int, int, int> change)
    {
        var random = new DeterministicRandom(seed);
        var graph = RingLattice(n, k);
        for (var j = 1; j <= k / 2; j++)
        {
            for (var u = 0; u < n; u++)
            {
                if (!random.NextBernoulli(p) || graph.Degree(u) >= n - 1)
                {
                    continue;
                }

                change(graph, u, (u + j) % n, DrawNonNeighbour(graph, u, random));
            }
        }

        return graph.ToStructure();
    }

    private static UndirectedNeighbourhoods RingLattice(int n, int k)
    {
        var graph = new UndirectedNeighbourhoods(n, k + 2);
        for (var j = 1; j <= k / 2; j++)
        {
            for (var u = 0; u < n; u++)
            {
                graph.AddEdge(u, (u + j) % n);
            }
        }

        return graph;
    }

    private static int DrawNonNeighbour(UndirectedNeighbourhoods graph, int u, DeterministicRandom random)
    {
        int w;
        do
        {
            w = random.NextInt(graph.VertexCount);
        }
        while (w == u || graph.HasEdge(u, w));

        return w;
    }

    private static Structure RandomPairs(int n, double p, long seed)
    {
        var random = new DeterministicRandom(seed);
        var expected = (long)Math.Min(FamilySizes.ErdosRenyi(n, p).MaxEdges, (p * n * (n - 1) / 2) + 16);
        var edges = new EdgeAccumulator(expected);
        if (p >= 1)
        {
            return Complete(n);
        }

        if (p > 0)
        {
            var skips = new GeometricSkips(random, p);
            long target = 1;
            long source = -1;
            while (target < n)
            {
                source += 1 + skips.NextGap();
                while (source >= target && target < n)
                {
                    source -= target;
                    target++;
                }

                if (target < n)
                {
                    edges.Add((int)source, (int)target);
                }
            }
        }

        return edges.ToStructure(n);
    }
}
