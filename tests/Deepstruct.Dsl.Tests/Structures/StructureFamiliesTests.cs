using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

public sealed class StructureFamiliesTests
{
    // Edge lists computed by an independent implementation of the algorithms as documented on StructureFamilies.
    public static IEnumerable<object[]> Golden => new[]
    {
        new object[] { "ws_10_4_0.5_1", (Func<Structure>)(() => StructureFamilies.WattsStrogatz(10, 4, 0.5, 1)), "0-1 0-2 0-9 1-2 1-3 1-4 1-7 2-3 2-7 2-9 3-6 3-7 4-5 4-6 4-8 5-6 6-7 6-9 7-8 8-9" },
        new object[] { "ws_12_3_0.8_7", (Func<Structure>)(() => StructureFamilies.WattsStrogatz(12, 3, 0.8, 7)), "0-2 1-2 1-11 2-3 3-4 4-5 4-6 5-7 6-10 7-8 8-9 9-11" },
        new object[] { "nws_10_4_0.5_2", (Func<Structure>)(() => StructureFamilies.NewmanWattsStrogatz(10, 4, 0.5, 2)), "0-1 0-2 0-3 0-5 0-8 0-9 1-2 1-3 1-6 1-8 1-9 2-3 2-4 2-6 2-7 2-8 2-9 3-4 3-5 3-6 3-8 3-9 4-5 4-6 4-9 5-6 5-7 6-7 6-8 7-8 7-9 8-9" },
        new object[] { "er_8_0.3_3", (Func<Structure>)(() => StructureFamilies.ErdosRenyi(8, 0.3, 3)), "0-3 0-4 0-5 0-6 1-4 2-5 4-5 4-6 6-7" },
        new object[] { "er_12_0.05_9", (Func<Structure>)(() => StructureFamilies.ErdosRenyi(12, 0.05, 9)), "0-1 0-4 3-4 7-8" },
        new object[] { "dag_8_0.3_3", (Func<Structure>)(() => StructureFamilies.RandomDag(8, 0.3, 3)), "0-3 0-4 0-5 0-6 1-4 2-5 4-5 4-6 6-7" },
        new object[] { "ba_8_2_4", (Func<Structure>)(() => StructureFamilies.BarabasiAlbert(8, 2, 4)), "0-1 0-2 0-3 1-4 1-5 1-6 1-7 2-3 2-5 2-6 3-4 4-7" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Seeded_families_reproduce_their_golden_edge_lists(string name, Func<Structure> build, string expected)
    {
        var edges = string.Join(" ", build().Edges.Select(e => $"{e.Source}-{e.Target}"));
        Assert.True(expected == edges, $"{name}: expected {expected}, got {edges}");
    }

    [Fact]
    public void Same_seed_same_graph_other_seed_other_graph()
    {
        Assert.Equal(StructureFamilies.WattsStrogatz(200, 6, 0.3, 9).Edges, StructureFamilies.WattsStrogatz(200, 6, 0.3, 9).Edges);
        Assert.NotEqual(StructureFamilies.WattsStrogatz(200, 6, 0.3, 9).Edges, StructureFamilies.WattsStrogatz(200, 6, 0.3, 10).Edges);
    }

    [Theory]
    [InlineData(100, 3, 0.8)]
    [InlineData(100, 4, 0.5)]
    [InlineData(1000, 10, 0.1)]
    [InlineData(7, 6, 1.0)]
    [InlineData(50, 0, 0.5)]
    public void Watts_Strogatz_keeps_n_times_half_k_edges(int n, int k, double p)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var graph = StructureFamilies.WattsStrogatz(n, k, p, seed);
            Assert.Equal(n, graph.VertexCount);
            Assert.Equal(n * (k / 2), graph.EdgeCount);
            Assert.Equal(FamilySizes.WattsStrogatz(n, k, p).MaxEdges, graph.EdgeCount);
        }
    }

    [Fact]
    public void Watts_Strogatz_without_rewiring_is_the_ring_lattice_and_k_equal_n_is_complete()
    {
        var lattice = StructureFamilies.WattsStrogatz(10, 4, 0.0, 1);
        var expected = Enumerable.Range(0, 10).SelectMany(u => new[] { 1, 2 }.Select(j => Oriented(u, (u + j) % 10))).ToHashSet();
        Assert.Equal(expected, lattice.Edges.ToHashSet());
        Assert.Equal(StructureFamilies.Complete(5).Edges, StructureFamilies.WattsStrogatz(5, 5, 0.3, 1).Edges);
    }

    [Fact]
    public void Newman_Watts_Strogatz_keeps_the_lattice_and_only_adds()
    {
        var lattice = StructureFamilies.WattsStrogatz(100, 4, 0.0, 1).Edges.ToHashSet();
        for (var seed = 0; seed < 20; seed++)
        {
            var graph = StructureFamilies.NewmanWattsStrogatz(100, 4, 0.5, seed);
            Assert.Subset(graph.Edges.ToHashSet(), lattice);
            Assert.InRange(graph.EdgeCount, 200, FamilySizes.NewmanWattsStrogatz(100, 4, 0.5).MaxEdges);
        }
    }

    [Fact]
    public void Barabasi_Albert_has_m_times_n_minus_m_edges_and_each_newcomer_m_links()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var graph = StructureFamilies.BarabasiAlbert(300, 3, seed);
            Assert.Equal(3 * (300 - 3), graph.EdgeCount);
            for (var v = 4; v < 300; v++)
            {
                Assert.Equal(3, graph.Predecessors(v).Length);
            }
        }
    }

    [Fact]
    public void Erdos_Renyi_draws_about_p_of_all_pairs_and_equals_the_random_dag()
    {
        const int n = 400;
        const double p = 0.05;
        var counts = Enumerable.Range(0, 30).Select(seed => StructureFamilies.ErdosRenyi(n, p, seed).EdgeCount).ToArray();
        var mean = counts.Average();
        var expected = p * n * (n - 1) / 2;
        Assert.InRange(mean, expected * 0.97, expected * 1.03);
        Assert.Equal(StructureFamilies.ErdosRenyi(n, p, 3).Edges, StructureFamilies.RandomDag(n, p, 3).Edges);
        Assert.Equal(0, StructureFamilies.ErdosRenyi(n, 0, 1).EdgeCount);
        Assert.Equal(StructureFamilies.Complete(20).Edges, StructureFamilies.RandomDag(20, 1, 1).Edges);
    }

    [Fact]
    public void Random_dag_pairs_are_independent_per_position()
    {
        // Each of the 45 pairs of 10 vertices should be an edge in about p of 4000 seeded graphs.
        var hits = new Dictionary<Edge, int>();
        for (var seed = 0; seed < 4000; seed++)
        {
            foreach (var edge in StructureFamilies.RandomDag(10, 0.3, seed).Edges)
            {
                hits[edge] = hits.GetValueOrDefault(edge) + 1;
            }
        }

        Assert.Equal(45, hits.Count);
        Assert.All(hits.Values, h => Assert.InRange(h, 1000, 1400));
    }

    [Fact]
    public void Deterministic_families_have_their_documented_sizes_and_layers()
    {
        var tree = StructureFamilies.BalancedTree(3, 4);
        Assert.Equal((81 * 3 - 1) / 2, tree.VertexCount);
        Assert.Equal(5, tree.LayerCount);
        Assert.Equal(new[] { 1, 3, 9, 27, 81 }, tree.Layers.LayerSizes());
        Assert.Equal(1, StructureFamilies.BalancedTree(2, 0).VertexCount);
        Assert.Equal(6, StructureFamilies.BalancedTree(1, 5).LayerCount);

        var grid = StructureFamilies.Grid2D(4, 7);
        Assert.Equal(4 + 7 - 1, grid.LayerCount);
        Assert.Equal(FamilySizes.Grid2D(4, 7).MaxEdges, grid.EdgeCount);

        var star = StructureFamilies.Star(5);
        Assert.Equal(6, star.VertexCount);
        Assert.Equal(new[] { 1, 5 }, star.Layers.LayerSizes());
        Assert.Equal(Enumerable.Range(1, 5).Select(l => new Edge(0, l)), star.Edges);

        Assert.Equal(10, StructureFamilies.Complete(10).LayerCount);
        Assert.Equal(1, StructureFamilies.Path(1).VertexCount);
    }

    [Fact]
    public void Sizes_are_known_before_building_and_saturate_instead_of_overflowing()
    {
        Assert.Equal(new FamilySize(100_000, 4_999_950_000), FamilySizes.Complete(100_000));
        Assert.Equal(long.MaxValue, FamilySizes.BalancedTree(1000, 1000).Vertices);
        Assert.Equal(new FamilySize(100_000, 1_000_000), FamilySizes.WattsStrogatz(100_000, 20, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructureFamilies.Complete(200_000));
    }

    [Fact]
    public void Balanced_tree_sizes_are_a_closed_form_even_with_one_child_per_vertex()
    {
        Assert.Equal(new FamilySize(long.MaxValue, long.MaxValue - 1), FamilySizes.BalancedTree(1, long.MaxValue));
        Assert.Equal(new FamilySize(2_147_483_648, 2_147_483_647), FamilySizes.BalancedTree(1, int.MaxValue));
        Assert.Equal(new FamilySize(long.MaxValue, long.MaxValue - 1), FamilySizes.BalancedTree(2, long.MaxValue));
        Assert.Equal(new FamilySize(15, 14), FamilySizes.BalancedTree(2, 3));
        Assert.Equal(new FamilySize(4_611_686_018_427_387_903, 4_611_686_018_427_387_902), FamilySizes.BalancedTree(2, 61));
        Assert.Equal(long.MaxValue, FamilySizes.BalancedTree(2, 62).Vertices);
    }

    [Fact]
    public void Family_sizes_of_the_largest_arguments_saturate_instead_of_turning_negative()
    {
        Assert.Equal(long.MaxValue, FamilySizes.NewmanWattsStrogatz(long.MaxValue, 4, 0.5).MaxEdges);
        Assert.Equal(long.MaxValue, FamilySizes.Grid2D(long.MaxValue, long.MaxValue).MaxEdges);
        Assert.Equal(long.MaxValue, FamilySizes.Star(long.MaxValue).Vertices);
        Assert.Equal(long.MaxValue, FamilySizes.Complete(long.MaxValue).MaxEdges);
        Assert.Equal(long.MaxValue, FamilySizes.BarabasiAlbert(long.MaxValue, long.MaxValue / 2).MaxEdges);
    }

    public static IEnumerable<object[]> BadArguments => new[]
    {
        Bad(() => StructureFamilies.BalancedTree(0, 3), "r", "0"),
        Bad(() => StructureFamilies.BalancedTree(2, -1), "h", "-1"),
        Bad(() => StructureFamilies.Grid2D(0, 5), "m", "0"),
        Bad(() => StructureFamilies.Grid2D(3, -2), "n", "-2"),
        Bad(() => StructureFamilies.Path(0), "n", "0"),
        Bad(() => StructureFamilies.Complete(-4), "n", "-4"),
        Bad(() => StructureFamilies.Star(0), "n", "0"),
        Bad(() => StructureFamilies.WattsStrogatz(10, 4, 1.5, 1), "p", "1.5"),
        Bad(() => StructureFamilies.WattsStrogatz(10, 4, -0.1, 1), "p", "-0.1"),
        Bad(() => StructureFamilies.WattsStrogatz(10, 4, double.NaN, 1), "p", "NaN"),
        Bad(() => StructureFamilies.WattsStrogatz(10, 11, 0.5, 1), "k", "11"),
        Bad(() => StructureFamilies.WattsStrogatz(0, 0, 0.5, 1), "n", "0"),
        Bad(() => StructureFamilies.NewmanWattsStrogatz(5, 6, 0.5, 1), "k", "6"),
        Bad(() => StructureFamilies.ErdosRenyi(10, 2, 1), "p", "2"),
        Bad(() => StructureFamilies.ErdosRenyi(-1, 0.5, 1), "n", "-1"),
        Bad(() => StructureFamilies.RandomDag(0, 0.5, 1), "n", "0"),
        Bad(() => StructureFamilies.BarabasiAlbert(5, 5, 1), "m", "5"),
        Bad(() => StructureFamilies.BarabasiAlbert(5, 0, 1), "m", "0"),
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_name_the_parameter_and_the_value(Action call, string parameter, string value)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(value, exception.Message);
    }

    private static object[] Bad(Action call, string parameter, string value) => new object[] { call, parameter, value };

    private static Edge Oriented(int u, int v) => u < v ? new Edge(u, v) : new Edge(v, u);
}
