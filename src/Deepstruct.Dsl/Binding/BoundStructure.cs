using System.Collections.Generic;
using System.Globalization;
using Deepstruct.Structures;

namespace Deepstruct.Binding;

/// <summary>A structure the binder built, with the names its source gave to vertices and blocks.</summary>
public sealed class BoundStructure
{
    internal BoundStructure(Structure structure, IReadOnlyDictionary<string, int> vertices, IReadOnlyDictionary<string, VertexBlock> blocks)
    {
        Structure = structure;
        Vertices = vertices;
        Blocks = blocks;
    }

    /// <summary>The compact structure with its layer index.</summary>
    public Structure Structure { get; }

    /// <summary>Named single vertices: name → vertex index.</summary>
    public IReadOnlyDictionary<string, int> Vertices { get; }

    /// <summary>Named blocks: name → first index and length.</summary>
    public IReadOnlyDictionary<string, VertexBlock> Blocks { get; }

    internal static BoundStructure Unnamed(Structure structure) =>
        new(structure, new Dictionary<string, int>(), new Dictionary<string, VertexBlock>());

    /// <summary>How messages name vertex <paramref name="vertex"/>: <c>a</c>, <c>h[3]</c>, or its index.</summary>
    public string Label(int vertex) => Label(vertex, Vertices, Blocks);

    internal static string Label(int vertex, IReadOnlyDictionary<string, int> vertices, IReadOnlyDictionary<string, VertexBlock> blocks)
    {
        foreach (var pair in vertices)
        {
            if (pair.Value == vertex)
            {
                return pair.Key;
            }
        }

        foreach (var pair in blocks)
        {
            if (vertex >= pair.Value.First && vertex < pair.Value.First + pair.Value.Length)
            {
                return string.Format(CultureInfo.InvariantCulture, "{0}[{1}]", pair.Key, vertex - pair.Value.First);
            }
        }

        return vertex.ToString(CultureInfo.InvariantCulture);
    }
}
