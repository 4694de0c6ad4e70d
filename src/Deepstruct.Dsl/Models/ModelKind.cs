namespace Deepstruct;

/// <summary>The kinds of model a <c>.dsnet</c> file can declare.</summary>
public enum ModelKind
{
    /// <summary><c>ffn</c>: a masked deep feed-forward network (MaskedDeepFfn).</summary>
    Ffn,

    /// <summary><c>dan</c>: a masked deep network wired by a structure (MaskedDeepDan).</summary>
    Dan,

    /// <summary><c>cell_dan</c>: a structure whose vertices are user-written cells (DeepCellDan).</summary>
    CellDan,

    /// <summary><c>rnn</c>: masked recurrent layers (MaskedDeepRnn).</summary>
    Rnn,
}
