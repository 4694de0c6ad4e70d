using CsCheck;
using Deepstruct.Graphs;
using Deepstruct.Structures;
using QuikGraph;

namespace Deepstruct.Runtime.Tests.Graphs;

/// <summary>Properties on random graphs: conversions agree with the core, GraphML round-trips, LabeledDag keeps its invariant.</summary>
public class LayeredGraphPropertyTests
{
    private static readonly Gen<(int VertexCount, (int, int)[] Edges)> RandomUndirected =
        from vertexCount in Gen.Int[1, 25]
        from edges in Gen.Select(Gen.Int[0, vertexCount - 1], Gen.Int[0, vertexCount - 1]).Array[0, 60]
        select (vertexCount, edges.Where(e => e.Item1 != e.Item2).ToArray());

    [Fact]
    public void An_undirected_graph_loads_as_the_cores_oriented_structure()
    {
        RandomUndirected.Sample(sample =>
        {
            var graph = new UndirectedGraph<int, SUndirectedEdge<int>>(allowParallelEdges: true);
            graph.AddVertexRange(Enumerable.Range(0, sample.VertexCount));
            graph.AddEdgeRange(sample.Edges.Select(e => new SUndirectedEdge<int>(Math.Min(e.Item1, e.Item2), Math.Max(e.Item1, e.Item2))));

            var loaded = LayeredGraph.LoadFrom(graph).ToStructure();
            var expected = Structure.FromUndirected(sample.VertexCount, sample.Edges.Select(e => new Edge(e.Item1, e.Item2)).ToArray());

            Assert.Equal(expected.Edges, loaded.Edges);
            Assert.Equal(expected.Layers.LayerOfVertex.ToArray(), loaded.Layers.LayerOfVertex.ToArray());
        }, iter: 100);
    }

    [Fact]
    public void Cached_graphs_built_edge_by_edge_have_the_cores_layers_under_any_labels()
    {
        RandomUndirected.Sample(sample =>
        {
            // Labels 1000 - 7·v keep the order of vertices reversed: oriented edges go from higher to lower label.
            static int Label(int v) => 1000 - (7 * v);
            var graph = new CachedLayeredGraph();
            graph.AddNodesFrom(Enumerable.Range(0, sample.VertexCount).Select(Label));
            foreach (var (a, b) in sample.Edges)
            {
                graph.AddEdge(Label(Math.Min(a, b)), Label(Math.Max(a, b)));
            }

            var core = Structure.FromUndirected(sample.VertexCount, sample.Edges.Select(e => new Edge(e.Item1, e.Item2)).ToArray());
            Assert.Equal(core.LayerCount, graph.NumLayers);
            for (var v = 0; v < sample.VertexCount; v++)
            {
                Assert.Equal(core.LayerOf(v), graph.GetLayer(Label(v)));
            }

            Assert.All(graph.Layers, layer => Assert.Equal(graph.GetVertices(layer).Order(), graph.GetVertices(layer)));
        }, iter: 100);
    }

    [Fact]
    public void GraphML_round_trips_any_graph()
    {
        var directory = Directory.CreateTempSubdirectory("deepstruct-graphml-property-").FullName;
        try
        {
            RandomUndirected.Sample(sample =>
            {
                var graph = LayeredGraph.FromStructure(Structure.FromUndirected(sample.VertexCount, sample.Edges.Select(e => new Edge(e.Item1, e.Item2)).ToArray()));
                // Samples run on several threads: one file each.
                var path = Path.Combine(directory, $"{Guid.NewGuid():N}.graphml");

                graph.Save(path);

                Assert.Equal(graph.ToStructure().Edges, LayeredGraph.Load(path).ToStructure().Edges);
            }, iter: 50);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_labeled_dag_always_numbers_0_to_n_minus_1_and_every_edge_goes_up()
    {
        var operations = Gen.Select(Gen.Int[0, 2], Gen.Int[-3, 12], Gen.Int[-3, 12]).Array[1, 40];
        operations.Sample(ops =>
        {
            var dag = new LabeledDag();
            foreach (var (kind, a, b) in ops)
            {
                switch (kind)
                {
                    case 0:
                        dag.AddVertex(Math.Abs(a) % 4);
                        break;
                    default:
                        try
                        {
                            dag.AddEdge(a, b);
                        }
                        catch (ArgumentException)
                        {
                            // Refused edges are part of the property: they must leave the graph valid.
                        }

                        break;
                }
            }

            Assert.Equal(Enumerable.Range(0, dag.VertexCount), dag.Vertices.Order());
            Assert.All(dag.Edges, e => Assert.True(dag.GetLayer(e.Source) < dag.GetLayer(e.Target)));
            Assert.Equal(dag.VertexCount, dag.Layers.Sum(dag.GetLayerSize));
            Assert.Equal(dag.Edges.Distinct().Count(), dag.EdgeCount);
        }, iter: 200);
    }
}
