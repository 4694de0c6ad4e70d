namespace Deepstruct.Generators.Pipeline;

/// <summary>The model kinds as the language spells them, used as keys in pipeline values.</summary>
internal static class ModelKinds
{
    public const string Ffn = "ffn";
    public const string Dan = "dan";
    public const string CellDan = "cell_dan";
    public const string Rnn = "rnn";
}
