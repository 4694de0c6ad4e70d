namespace Deepstruct.Generators.Pipeline;

/// <summary>The structure a <c>dan</c> or <c>cell_dan</c> model is wired by, in the compact form the class embeds.</summary>
/// <param name="Blob">The encoded structure, two bytes per UTF-16 code unit (see <see cref="Deepstruct.Structures.StructureEncoding.Pack"/>).</param>
/// <param name="BlobLength">The encoding's length in bytes.</param>
/// <param name="VertexCount">The number of vertices, for the documentation.</param>
/// <param name="EdgeCount">The number of edges, for the documentation.</param>
/// <param name="LayerSizes">The size of each layer, in order.</param>
/// <param name="Vertices">The constants of the generated <c>Vertices</c> class.</param>
internal sealed record StructureSpec(string Blob, int BlobLength, int VertexCount, int EdgeCount, EquatableArray<int> LayerSizes, EquatableArray<NamedConstant> Vertices);
