using System.Collections.Generic;

namespace Deepstruct.Binding;

/// <summary>DSNET.md's table of kinds: which settings each kind requires and which it also takes.</summary>
internal static class ModelKindTable
{
    public const string Input = "input";
    public const string Output = "output";
    public const string Hidden = "hidden";
    public const string Structure = "structure";
    public const string Activation = "activation";
    public const string LayerNorm = "layer_norm";
    public const string Bias = "bias";
    public const string Cell = "cell";
    public const string BatchFirst = "batch_first";

    public static readonly string[] AllSettings = [Input, Output, Hidden, Structure, Activation, LayerNorm, Bias, Cell, BatchFirst];

    public static readonly IReadOnlyDictionary<string, ModelKind> Kinds = new Dictionary<string, ModelKind>
    {
        ["ffn"] = ModelKind.Ffn,
        ["dan"] = ModelKind.Dan,
        ["cell_dan"] = ModelKind.CellDan,
        ["rnn"] = ModelKind.Rnn,
    };

    public static readonly IReadOnlyDictionary<string, Deepstruct.Activation> Activations = new Dictionary<string, Deepstruct.Activation>
    {
        ["relu"] = Deepstruct.Activation.ReLU,
        ["tanh"] = Deepstruct.Activation.Tanh,
        ["sigmoid"] = Deepstruct.Activation.Sigmoid,
        ["gelu"] = Deepstruct.Activation.GELU,
        ["leaky_relu"] = Deepstruct.Activation.LeakyReLU,
        ["elu"] = Deepstruct.Activation.ELU,
        ["identity"] = Deepstruct.Activation.Identity,
    };

    public static readonly IReadOnlyDictionary<string, RecurrentCell> Cells = new Dictionary<string, RecurrentCell>
    {
        ["rnn"] = RecurrentCell.Rnn,
        ["gru"] = RecurrentCell.Gru,
        ["lstm"] = RecurrentCell.Lstm,
    };

    /// <summary>How the language spells <paramref name="value"/> of one of the tables above.</summary>
    public static string SpellingOf<T>(IReadOnlyDictionary<string, T> table, T value, string parameterName)
    {
        foreach (var pair in table)
        {
            if (EqualityComparer<T>.Default.Equals(pair.Value, value))
            {
                return pair.Key;
            }
        }

        throw new System.ArgumentOutOfRangeException(parameterName, value, $"{parameterName} = {value} has no spelling in the language.");
    }

    /// <summary>
    /// The kind quoted after its article as it is read aloud: 'ffn' and 'rnn' are spelled out
    /// ("an eff-eff-en"), 'dan' and 'cell_dan' are words ("a dan").
    /// </summary>
    public static string WithArticle(string kind, bool capital)
    {
        var article = kind is "ffn" or "rnn" ? "an" : "a";
        return (capital ? char.ToUpperInvariant(article[0]) + article.Substring(1) : article) + " '" + kind + "'";
    }

    public static string[] Required(ModelKind kind) => kind switch
    {
        ModelKind.Ffn => [Input, Hidden, Output],
        ModelKind.Dan => [Input, Output, Structure],
        ModelKind.CellDan => [Input, Output, Structure],
        _ => [Input, Hidden],
    };

    public static string[] Optional(ModelKind kind) => kind switch
    {
        ModelKind.Ffn => [Activation, LayerNorm, Bias],
        ModelKind.Dan => [Activation, LayerNorm, Bias],
        ModelKind.CellDan => [],
        _ => [Cell, Activation, BatchFirst],
    };
}
