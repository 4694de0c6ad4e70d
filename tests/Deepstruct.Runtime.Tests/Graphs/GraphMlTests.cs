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
    public void Graphml_empty_layer_data_gives_no_layer_and_does_not_take_the_next_keys_value()
    {
        var path = PathOf("empty-layer.graphml");
        File.WriteAllText(path, """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="d0" for="node" attr.name="layer" attr.type="int"/>
              <key id="d1" for="node" attr.name="weight" attr.type="int"/>
              <graph edgedefault="directed">
                <node id="a"><data key="d0"/><data key="d1">5</data></node>
                <node id="b"><data key="d0">1</data></node>
                <edge source="a" target="b"/>
              </graph>
            </graphml>
            """);

        var loaded = LabeledDag.Load(path);

        // a has no layer in the file, so every layer follows from the edges (a file without layers).
        Assert.Equal(new[] { 0, 1 }, loaded.Vertices.Select(loaded.GetLayer));
    }

    [Fact]
    public void Graphml_data_of_an_edge_does_not_set_a_node_layer_when_the_layer_key_is_for_all()
    {
        var path = PathOf("for-all.graphml");
        File.WriteAllText(path, """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="L" for="all" attr.name="layer" attr.type="int"/>
              <graph edgedefault="directed">
                <node id="a"><data key="L">0</data></node>
                <node id="b"><data key="L">2</data></node>
                <edge source="a" target="b"><data key="L">7</data></edge>
              </graph>
            </graphml>
            """);

        var loaded = LabeledDag.Load(path);

        Assert.Equal(new[] { 0, 2 }, loaded.Vertices.Select(loaded.GetLayer));
    }

    [Fact]
    public void Graphml_layers_are_read_per_data_element_by_key_and_survive_a_load_save_round_trip()
    {
        var path = PathOf("stray.graphml");
        File.WriteAllText(path, """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="w" for="edge" attr.name="layer" attr.type="int"/>
              <key id="n" for="node" attr.name="name" attr.type="string"/>
              <key id="L" for="all" attr.name="layer" attr.type="int"/>
              <graph edgedefault="directed">
                <desc>9</desc>
                <node id="a"><data key="n">8</data><data key="L">0</data></node>
                <node id="b"><data key="L"> 1 </data><data key="n"/></node>
                <node id="c"><data key="n"/><data key="L">1</data></node>
                <node id="d"><data key="L"><!-- three -->3</data><data key="n">5</data></node>
                <edge source="a" target="b"><data key="w">4</data><data key="L">4</data></edge>
                <edge source="b" target="d"><data key="n">2</data></edge>
                <edge source="a" target="c"/>
                <edge source="c" target="d"/>
              </graph>
            </graphml>
            """);
        var copy = PathOf("copy.graphml");

        var loaded = LabeledDag.Load(path);
        loaded.Save(copy);
        var reloaded = LabeledDag.Load(copy);

        Assert.Equal(new[] { 0, 1, 1, 3 }, loaded.Vertices.Select(loaded.GetLayer));
        Assert.Equal(new[] { 0, 1, 1, 3 }, reloaded.Vertices.Select(reloaded.GetLayer));
        Assert.Equal(loaded.Edges.Select(e => (e.Source, e.Target)), reloaded.Edges.Select(e => (e.Source, e.Target)));
    }

    [Fact]
    public void Graphml_layers_given_for_every_node_survive_a_load_save_round_trip()
    {
        var path = PathOf("layers.graphml");
        File.WriteAllText(path, """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="L" for="all" attr.name="layer" attr.type="int"/>
              <key id="n" for="node" attr.name="name" attr.type="string"/>
              <graph edgedefault="directed">
                <node id="a"><data key="L">0</data><data key="n"/></node>
                <node id="b"><data key="n">7</data><data key="L">2</data></node>
                <node id="c"><data key="L"/><data key="L">5</data></node>
                <edge source="a" target="b"><data key="L">9</data></edge>
                <edge source="b" target="c"><data key="L"/></edge>
              </graph>
            </graphml>
            """);
        var copy = PathOf("copy.graphml");

        LabeledDag.Load(path).Save(copy);
        var reloaded = LabeledDag.Load(copy);

        Assert.Equal(new[] { 0, 2, 5 }, reloaded.Vertices.Select(reloaded.GetLayer));
    }

    [Fact]
    public void Graphml_a_layer_that_is_not_a_number_is_refused_with_its_line()
    {
        var path = PathOf("bad-layer.graphml");
        File.WriteAllText(path, "<graphml>\n<key id='L' for='node' attr.name='layer'/>\n<graph>\n<node id='a'><data key='L'>x</data></node></graph></graphml>");

        var error = Assert.Throws<ArgumentException>(() => LabeledDag.Load(path));

        Assert.Equal("path", error.ParamName);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void Saving_into_a_missing_directory_reports_the_missing_directory_not_a_temporary_file()
    {
        var directory = PathOf("missing");
        var path = Path.Combine(directory, "g.graphml");

        var error = Assert.Throws<DirectoryNotFoundException>(() => LayeredGraph.LoadFrom(GraphFamilies.Path(3)).Save(path));

        Assert.Contains(directory, error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.DoesNotContain("Delete", error.StackTrace);
    }

    [Fact]
    public void Saving_text_into_a_missing_directory_reports_the_missing_directory_not_a_temporary_file()
    {
        var directory = PathOf("missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Deepstruct.Export.DsnetText.Save(Path.Combine(directory, "m.dsnet"), "x"));

        Assert.Contains(directory, error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.DoesNotContain("Delete", error.StackTrace);
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CachedLayeredGraph().Save(" "));
        Assert.Equal("path", error.ParamName);
    }
}
