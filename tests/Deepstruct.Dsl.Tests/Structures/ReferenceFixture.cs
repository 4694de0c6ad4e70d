using System.Text.Json;
using Deepstruct.Structures;

namespace Deepstruct.Dsl.Tests.Structures;

/// <summary>One reference output of the Python deepstruct (Fixtures/deepstruct-reference/*.json).</summary>
public sealed record ReferenceFixture(
    string Name,
    int[] Vertices,
    Edge[] Edges,
    IReadOnlyDictionary<int, int[]> Layers,
    int DanInput,
    int DanOutput,
    int[] First,
    int[] Out,
    IReadOnlyList<ReferenceMap> Main,
    IReadOnlyList<ReferenceMap> Skip)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "deepstruct-reference");

    public static IEnumerable<object[]> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }).OrderBy(n => (string)n[0]);

    public static ReferenceFixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".json")));
        var root = document.RootElement;
        var dan = root.GetProperty("dan");
        return new ReferenceFixture(
            root.GetProperty("name").GetString()!,
            Ints(root.GetProperty("vertices")),
            Pairs(root.GetProperty("edges")),
            root.GetProperty("layers").EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => Ints(p.Value)),
            dan.GetProperty("input").GetInt32(),
            dan.GetProperty("output").GetInt32(),
            Ints(dan.GetProperty("first")),
            Ints(dan.GetProperty("out")),
            Maps(dan.GetProperty("main")),
            Maps(dan.GetProperty("skip")));
    }

    public Structure ToStructure() => Structure.Create(Vertices.Length, Edges);

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static Edge[] Pairs(JsonElement array) =>
        array.EnumerateArray().Select(e => new Edge(e[0].GetInt32(), e[1].GetInt32())).ToArray();

    private static List<ReferenceMap> Maps(JsonElement array) =>
        array.EnumerateArray().Select(m => new ReferenceMap(
            m.GetProperty("source_layer").GetInt32(),
            m.GetProperty("target_layer").GetInt32(),
            Ints(m.GetProperty("shape")),
            Pairs(m.GetProperty("edges")))).ToList();
}

/// <summary>A main or skip map of the reference: layers, mask shape [out, in] and connected vertex pairs.</summary>
public sealed record ReferenceMap(int SourceLayer, int TargetLayer, int[] Shape, Edge[] Edges);
