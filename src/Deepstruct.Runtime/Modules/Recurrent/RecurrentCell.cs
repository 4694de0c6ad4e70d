namespace Deepstruct;

/// <summary>The kind of recurrent layer a <see cref="MaskedDeepRnn"/> stacks.</summary>
public enum RecurrentCell
{
    /// <summary>An Elman RNN layer, <see cref="MaskedRecurrentLayer"/>.</summary>
    Rnn,

    /// <summary>A gated recurrent unit, <see cref="MaskedGruLayer"/>.</summary>
    Gru,

    /// <summary>A long short-term memory layer, <see cref="MaskedLstmLayer"/>.</summary>
    Lstm,
}
