namespace Deepstruct.Binding;

/// <summary>The recurrent cell of an <c>rnn</c> model.</summary>
public enum RecurrentCellKind
{
    /// <summary><c>rnn</c>: the Elman cell (the default).</summary>
    Rnn,

    /// <summary><c>gru</c></summary>
    Gru,

    /// <summary><c>lstm</c></summary>
    Lstm,
}
