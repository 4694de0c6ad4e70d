using System.Xml.Linq;
using Deepstruct.Graphs;

namespace Deepstruct.Runtime.Tests.Graphs;

public sealed class GraphMlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deepstruct-graphml-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Save_then_load_gives_the_same_graph_and_layers()
    {
        var graph = LayeredGraph.LoadFrom(GraphFamilies.WattsStrogatz(50, 4, 0.5, 7));
        var path = PathOf("ws.graphml");

        graph.Save(path);
        var loaded = LayeredGraph.Load(path);

        Assert.Equal(graph.ToStructure().Edges, loaded.ToStructure().Edges);
        Assert.Equal(graph.Layers.Select(graph.GetVertices), loaded.Layers.Select(loaded.GetVertices));
    }

    [Fact]
    public void The_file_declares_its_keys_and_writes_each_vertexs_layer()
    {
        var dag = new LabeledDag();
        dag.AddEdge(-1, -1);
        dag.AddVertex(layer: 4);
        var path = PathOf("dag.graphml");

        dag.Save(path);

        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var document = XDocument.Load(path);
        var key = Assert.Single(document.Root!.Elements(ns + "key"));
        Assert.Equal("layer", (string?)key.Attribute("attr.name"));
        Assert.Equal("int", (string?)key.Attribute("attr.type"));
        Assert.Equal("node", (string?)key.Attribute("for"));
        var graph = document.Root.Element(ns + "graph")!;
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        var layers = graph.Elements(ns + "node").ToDictionary(n => (string)n.Attribute("id")!, n => (int)n.Element(ns + "data")!);
        Assert.Equal(new Dictionary<string, int> { ["0"] = 0, ["1"] = 1, ["2"] = 4 }, layers);
        var edge = Assert.Single(graph.Elements(ns + "edge"));
        Assert.Equal(("0", "1"), ((string)edge.Attribute("source")!, (string)edge.Attribute("target")!));
    }

    [Fact]
    public void Vertices_with_any_numbers_are_saved_as_0_to_n_minus_1_in_vertex_order()
    {
        var graph = new CachedLayeredGraph();
        graph.AddEdge(40, 20);
        var path = PathOf("relabel.graphml");

        graph.Save(path);
        var loaded = LayeredGraph.Load(path);

        Assert.Equal(new[] { 0, 1 }, loaded.Vertices);
        Assert.True(loaded.ContainsEdge(0, 1));
    }

    [Fact]
    public void A_networkx_style_undirected_file_is_oriented_and_undeclared_end_points_come_last()
    {
        var path = PathOf("nx.graphml");
        File.WriteAllText(path, """
            <?xml version='1.0' encoding='utf-8'?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="d0" for="node" attr.name="label" attr.type="string"/>
              <graph edgedefault="undirected">
                <node id="(0, 1)"><data key="d0">x</data></node>
                <node id="(0, 0)"/>
                <edge source="(0, 0)" target="(0, 1)"/>
                <edge source="(0, 1)" target="extra"/>
              </graph>
            </graphml>
            """);

        var loaded = LayeredGraph.Load(path);

        Assert.Equal(3, loaded.VertexCount);
        Assert.Equal(new[] { (0, 1), (0, 2) }, loaded.Edges.Select(e => (e.Source, e.Target)).Order());
    }

    [Fact]
    public void Saving_replaces_a_file_whole_and_leaves_no_temporary_file()
    {
        var path = PathOf("replace.graphml");
        File.WriteAllText(path, new string('x', 100_000));

        LayeredGraph.LoadFrom(GraphFamilies.Path(3)).Save(path);

        Assert.Equal(3, LayeredGraph.Load(path).VertexCount);
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_failed_save_leaves_the_old_file_and_no_temporary_file()
    {
        var path = PathOf("kept.graphml");
        File.WriteAllText(path, "old");
        var cyclic = new CachedLayeredGraph();
        cyclic.AddEdgesFrom(new[] { (0, 1), (1, 0) });

        Assert.Throws<Deepstruct.Structures.StructureCycleException>(() => cyclic.Save(path));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData("<graphml><graph edgedefault='directed'><node id='a'/><edge source='a' target='b'/><edge source='b' target='a'/></graph></graphml>", "cycle")]
    [InlineData("<graphml><graph edgedefault='directed'><node id='a'/><edge source='a' target='a'/></graph></graphml>", "self-loop")]
    [InlineData("<graphml><graph><node/></graph></graphml>", "without 'id'")]
    [InlineData("<graphml><graph><node id='a'/></graph><graph/></graphml>", "second graph")]
    [InlineData("<graphml><graph><hyperedge/></graph></graphml>", "hyperedge")]
    [InlineData("<graphml><key id='d0'/></graphml>", "no <graph>")]
    [InlineData("<graphml><graph>", "not well-formed")]
    public void Bad_files_are_refused_naming_the_path_and_the_problem(string content, string problem)
    {
        var path = PathOf("bad.graphml");
        File.WriteAllText(path, content);

        var error = Assert.ThrowsAny<ArgumentException>(() => LayeredGraph.Load(path));

        Assert.Equal("path", error.ParamName);
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CachedLayeredGraph().Save(" "));
        Assert.Equal("path", error.ParamName);
    }
}
