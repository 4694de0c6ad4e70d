using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Generators.Pipeline;

namespace Deepstruct.Generators.Emit;

/// <summary>Writes what a model wired by a structure (<c>dan</c>, <c>cell_dan</c>) adds: the embedded structure and its vertex constants.</summary>
internal static class StructureWriter
{
    /// <summary>The nested static class of vertex constants.</summary>
    public const string VerticesClass = "Vertices";

    private const string Structure = "global::Deepstruct.Structures.Structure";

    /// <summary>The <c>Structure</c> property of the <c>Spec</c> class and the constant it decodes.</summary>
    public static void WriteStructureProperty(CodeWriter writer, StructureSpec structure)
    {
        writer.Line();
        writer.Line("/// <summary>The structure the model is wired by, decoded once from the compact form embedded at build time (no graph algorithm runs).</summary>");
        writer.Line("public static " + Structure + " Structure { get; } = global::Deepstruct.EmbeddedStructure.Decode(StructureData, "
            + CSharpLiterals.Int(structure.BlobLength) + ");");
        writer.Line();
        writer.Line("// The structure's compact encoding, two bytes per UTF-16 code unit (see EmbeddedStructure).");
        writer.Indent();
        writer.Raw.Append("private const string StructureData = ");
        CSharpLiterals.AppendStringLiteral(writer.Raw, structure.Blob);
        writer.Raw.Append(";\n");
    }

    public static void WriteVertices(CodeWriter writer, StructureSpec structure)
    {
        writer.Line();
        writer.Line("/// <summary>Vertex indices of the structure by name; a block is its first index and <c>NAMELength</c> its size.</summary>");
        writer.Open("public static class " + VerticesClass);
        var taken = new HashSet<string>(structure.Vertices.Select(constant => constant.Name), StringComparer.Ordinal);
        var first = true;
        foreach (var constant in structure.Vertices)
        {
            // A member may not share its enclosing class's name (CS0542): the vertex 'Vertices' gets
            // underscores up to a name no other vertex has.
            var name = constant.Name;
            if (name == VerticesClass)
            {
                do
                {
                    name += "_";
                }
                while (taken.Contains(name));
            }

            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line("/// <summary>" + constant.Description + "</summary>");
            writer.Line("public const int " + CSharpLiterals.Identifier(name) + " = " + CSharpLiterals.Int(constant.Value) + ";");
        }

        writer.Close();
    }
}
