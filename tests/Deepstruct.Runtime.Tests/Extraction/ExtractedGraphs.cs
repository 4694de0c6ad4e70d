using Deepstruct.Graphs;

namespace Deepstruct.Runtime.Tests.Extraction;

/// <summary>Views of graphs that tests compare: edge sets and layers by vertex.</summary>
internal static class ExtractedGraphs
{
    public static HashSet<(int Source, int Target)> EdgeSet(LayeredGraph graph) =>
        graph.Edges.Select(edge => (edge.Source, edge.Target)).ToHashSet();

    public static int[] LayerSizes(LayeredGraph graph) => graph.Layers.Select(graph.GetLayerSize).ToArray();

    public static int[] LayerOfEachVertex(LayeredGraph graph) => graph.Vertices.OrderBy(vertex => vertex).Select(graph.GetLayer).ToArray();

    public static void AssertSameGraph(LayeredGraph expected, LayeredGraph actual)
    {
        Assert.Equal(expected.VertexCount, actual.VertexCount);
        Assert.Equal(expected.Vertices.OrderBy(vertex => vertex), actual.Vertices.OrderBy(vertex => vertex));
        Assert.True(EdgeSet(expected).SetEquals(EdgeSet(actual)), "The edge sets differ.");
        Assert.Equal(LayerOfEachVertex(expected), LayerOfEachVertex(actual));
    }
}
