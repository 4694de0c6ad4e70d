namespace Deepstruct.Binding;

/// <summary>The optional settings of a model, defaults included.</summary>
internal sealed class ModelOptions
{
    public Activation Activation { get; set; } = Activation.ReLU;

    public bool LayerNorm { get; set; }

    public bool Bias { get; set; } = true;

    public RecurrentCellKind Cell { get; set; } = RecurrentCellKind.Rnn;

    public bool BatchFirst { get; set; }
}
