namespace Deepstruct.Binding;

/// <summary>The optional settings of a model, defaults included.</summary>
internal sealed class ModelOptions
{
    public Activation Activation { get; set; } = Activation.ReLU;

    public bool LayerNorm { get; set; }

    public bool Bias { get; set; } = true;

    public RecurrentCell Cell { get; set; } = RecurrentCell.Rnn;

    public bool BatchFirst { get; set; }
}
