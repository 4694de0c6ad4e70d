using System.Text.Json;
using Deepstruct.Structures;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>One graph of the Python deepstruct's reference fixtures and what its MaskedDeepDAN contains.</summary>
public sealed class ReferenceFixture
{
    public required string Name { get; init; }
    public required int VertexCount { get; init; }
    public required Edge[] Edges { get; init; }
    public required int[][] Layers { get; init; }
    public required int Input { get; init; }
    public required int Output { get; init; }
    public required int[] First { get; init; }
    public required int[] Out { get; init; }
    public required FixtureMap[] Main { get; init; }
    public required FixtureMap[] Skip { get; init; }

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static ReferenceFixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")));
        var root = document.RootElement;
        var vertices = root.GetProperty("vertices").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        // The fixtures number vertices 0..n-1, which is what Structure.Create expects.
        Assert.Equal(Enumerable.Range(0, vertices.Length), vertices);
        var layers = root.GetProperty("layers").EnumerateObject()
            .OrderBy(p => int.Parse(p.Name))
            .Select(p => p.Value.EnumerateArray().Select(v => v.GetInt32()).ToArray())
            .ToArray();
        var dan = root.GetProperty("dan");
        return new ReferenceFixture
        {
            Name = name,
            VertexCount = vertices.Length,
            Edges = root.GetProperty("edges").EnumerateArray().Select(e => new Edge(e[0].GetInt32(), e[1].GetInt32())).ToArray(),
            Layers = layers,
            Input = dan.GetProperty("input").GetInt32(),
            Output = dan.GetProperty("output").GetInt32(),
            First = Ints(dan.GetProperty("first")),
            Out = Ints(dan.GetProperty("out")),
            Main = dan.GetProperty("main").EnumerateArray().Select(FixtureMap.Parse).ToArray(),
            Skip = dan.GetProperty("skip").EnumerateArray().Select(FixtureMap.Parse).ToArray(),
        };
    }

    public Structure ToStructure() => Structure.Create(VertexCount, Edges);

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}

/// <summary>A masked map of a fixture: its layers, its mask's shape and the (source, target) vertex pairs it connects.</summary>
public sealed record FixtureMap(int SourceLayer, int TargetLayer, long[] Shape, HashSet<(int Source, int Target)> Pairs)
{
    public static FixtureMap Parse(JsonElement map) => new(
        map.GetProperty("source_layer").GetInt32(),
        map.GetProperty("target_layer").GetInt32(),
        map.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
        map.GetProperty("edges").EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32())).ToHashSet());
}
