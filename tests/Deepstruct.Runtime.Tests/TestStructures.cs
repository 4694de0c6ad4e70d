using Deepstruct.Structures;

namespace Deepstruct.Runtime.Tests;

/// <summary>Structures for tests that need a DAN whose output still follows its input after heavy pruning.</summary>
internal static class TestStructures
{
    /// <summary>
    /// <paramref name="layers"/> layers of <paramref name="width"/> vertices: every vertex of a layer ≥ 1 reads one vertex
    /// of the layer below (so the layers hold) and <paramref name="extraSources"/> more drawn from all lower layers
    /// (seeded; repeats dropped). Wide and shallow, with main and skip maps of several weights each, unlike the deep,
    /// narrow small worlds whose output a pruned DAN barely passes on.
    /// </summary>
    public static Structure Layered(int width, int layers, int extraSources, int seed)
    {
        var random = new Random(seed);
        var edges = new HashSet<Edge>();
        for (var target = width; target < width * layers; target++)
        {
            var layer = target / width;
            edges.Add(new Edge(((layer - 1) * width) + random.Next(width), target));
            for (var i = 0; i < extraSources; i++)
            {
                edges.Add(new Edge(random.Next(layer * width), target));
            }
        }

        return Structure.Create(width * layers, edges.ToList());
    }
}
