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
}
