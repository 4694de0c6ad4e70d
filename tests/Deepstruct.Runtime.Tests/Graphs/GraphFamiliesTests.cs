using Deepstruct.Graphs;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Runtime.Tests.Graphs;

public class GraphFamiliesTests
{
    public static TheoryData<string> UndirectedFamilies() => new(Families.Keys);

    private static readonly Dictionary<string, (Func<UndirectedGraph<int, SUndirectedEdge<int>>> Graph, Func<Structure> Structure)> Families = new()
    {
        ["balanced_tree(2,3)"] = (() => GraphFamilies.BalancedTree(2, 3), () => StructureFamilies.BalancedTree(2, 3)),
        ["grid_2d(3,30)"] = (() => GraphFamilies.Grid2D(3, 30), () => StructureFamilies.Grid2D(3, 30)),
        ["path(10)"] = (() => GraphFamilies.Path(10), () => StructureFamilies.Path(10)),
        ["complete(6)"] = (() => GraphFamilies.Complete(6), () => StructureFamilies.Complete(6)),
        ["star(5)"] = (() => GraphFamilies.Star(5), () => StructureFamilies.Star(5)),
        ["watts_strogatz(100,3,0.8,1)"] = (() => GraphFamilies.WattsStrogatz(100, 3, 0.8, 1), () => StructureFamilies.WattsStrogatz(100, 3, 0.8, 1)),
        ["newman_watts_strogatz(100,4,0.5,2)"] = (() => GraphFamilies.NewmanWattsStrogatz(100, 4, 0.5, 2), () => StructureFamilies.NewmanWattsStrogatz(100, 4, 0.5, 2)),
        ["erdos_renyi(40,0.1,3)"] = (() => GraphFamilies.ErdosRenyi(40, 0.1, 3), () => StructureFamilies.ErdosRenyi(40, 0.1, 3)),
        ["barabasi_albert(50,2,4)"] = (() => GraphFamilies.BarabasiAlbert(50, 2, 4), () => StructureFamilies.BarabasiAlbert(50, 2, 4)),
    };

    [Theory]
    [MemberData(nameof(UndirectedFamilies))]
    public void Undirected_families_are_undirected_and_load_as_the_cores_structure(string family)
    {
        var (makeGraph, makeStructure) = Families[family];
        var graph = makeGraph();
        var structure = makeStructure();

        Assert.False(graph.IsDirected);
        Assert.Equal(Enumerable.Range(0, structure.VertexCount), graph.Vertices);
        var layered = LayeredGraph.LoadFrom(graph);
        Assert.Equal(structure.Edges, layered.ToStructure().Edges);
        Assert.Equal(structure.Layers.LayerSizes(), layered.ToStructure().Layers.LayerSizes());
    }

    [Fact]
    public void Balanced_tree_has_networkxs_numbering_and_layers()
    {
        var tree = LayeredGraph.LoadFrom(GraphFamilies.BalancedTree(2, 3));

        Assert.Equal(15, tree.VertexCount);
        Assert.Equal(new[] { 1, 2, 4, 8 }, tree.Layers.Select(tree.GetLayerSize));
        Assert.Equal(new[] { 3, 4, 5, 6 }, tree.GetVertices(2));
        Assert.True(tree.ContainsEdge(2, 6));
    }

    [Fact]
    public void Star_has_n_plus_one_vertices_with_centre_0()
    {
        var star = GraphFamilies.Star(4);

        Assert.Equal(5, star.VertexCount);
        Assert.Equal(4, star.AdjacentDegree(0));
    }

    [Fact]
    public void Random_dag_is_directed_and_seeded()
    {
        var dag = GraphFamilies.RandomDag(30, 0.2, seed: 9);
        var again = GraphFamilies.RandomDag(30, 0.2, seed: 9);

        Assert.True(dag.IsDirected);
        Assert.Equal(StructureFamilies.RandomDag(30, 0.2, 9).Edges.Select(e => (e.Source, e.Target)), dag.Edges.Select(e => (e.Source, e.Target)).Order());
        Assert.Equal(dag.Edges, again.Edges);
        Assert.All(dag.Edges, e => Assert.True(e.Source < e.Target));
    }

    [Fact]
    public void Same_seed_same_graph_different_seed_different_graph()
    {
        var a = GraphFamilies.WattsStrogatz(100, 4, 0.5, 1).Edges.ToList();
        var b = GraphFamilies.WattsStrogatz(100, 4, 0.5, 1).Edges.ToList();
        var c = GraphFamilies.WattsStrogatz(100, 4, 0.5, 2).Edges.ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_them()
    {
        var grid = Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.Grid2D(0, 5));
        Assert.Equal("m", grid.ParamName);
        Assert.Equal(0L, grid.ActualValue);
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.ErdosRenyi(5, 1.5, 1));
        Assert.Equal("p", p.ParamName);
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.WattsStrogatz(5, 6, 0.1, 1));
        Assert.Equal("k", k.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.BarabasiAlbert(3, 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.BalancedTree(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphFamilies.RandomDag(0, 0.5, 1));
    }
}
