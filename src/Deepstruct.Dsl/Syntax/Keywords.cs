using System.Linq;
using Deepstruct.Binding;

namespace Deepstruct.Syntax;

/// <summary>The words that are reserved where they start a statement or a value.</summary>
internal static class Keywords
{
    public const string Namespace = "namespace";
    public const string Structure = "structure";
    public const string Model = "model";
    public const string Vertex = "vertex";
    public const string Block = "block";
    public const string True = "true";
    public const string False = "false";

    /// <summary>Every reserved word: the statement and value words above and the settings' names.</summary>
    public static readonly string[] All = new[] { Namespace, Structure, Model, Vertex, Block, True, False }.Concat(ModelKindTable.AllSettings).Distinct().ToArray();

    /// <summary>Whether <paramref name="name"/> can stand anywhere a name can: an identifier and no reserved word.</summary>
    public static bool IsFreeName(string name) => Lexer.IsIdentifier(name) && !All.Contains(name);
}
