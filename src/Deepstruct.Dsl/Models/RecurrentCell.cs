namespace Deepstruct;

/// <summary>
/// The kind of recurrent layer an <c>rnn</c> model stacks; shared by the runtime's
/// <c>MaskedDeepRnn</c> and the <c>cell</c> setting of <c>.dsnet</c> models (spelled in lower case there).
/// </summary>
public enum RecurrentCell
{
    /// <summary>An Elman RNN layer (<c>MaskedRecurrentLayer</c>); <c>rnn</c>, the default.</summary>
    Rnn,

    /// <summary>A gated recurrent unit (<c>MaskedGruLayer</c>); <c>gru</c>.</summary>
    Gru,

    /// <summary>A long short-term memory layer (<c>MaskedLstmLayer</c>); <c>lstm</c>.</summary>
    Lstm,
}
