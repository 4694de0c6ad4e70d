using System;

namespace Deepstruct;

/// <summary>Facts of a <see cref="RecurrentCell"/> that both the language's size check and the runtime's layers use.</summary>
public static class RecurrentCellExtensions
{
    /// <summary>
    /// How many gates the cell stacks in its weights (1 for an Elman RNN, 3 for a GRU, 4 for an LSTM):
    /// each weight has <c>gates × hidden</c> rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not a <see cref="RecurrentCell"/>.</exception>
    public static int GateCount(this RecurrentCell cell) => cell switch
    {
        RecurrentCell.Rnn => 1,
        RecurrentCell.Gru => 3,
        RecurrentCell.Lstm => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, $"cell = {cell} is not a RecurrentCell."),
    };
}
