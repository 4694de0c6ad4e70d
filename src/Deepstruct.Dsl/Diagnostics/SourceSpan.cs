namespace Deepstruct.Diagnostics;

/// <summary>
/// A stretch of source text: the offset and length in UTF-16 code units from the start of the
/// text that was compiled, and the 1-based line and column of its first character.
/// </summary>
/// <param name="Offset">Zero-based offset of the first character.</param>
/// <param name="Length">Number of characters covered.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column (in UTF-16 code units) of the first character.</param>
public readonly record struct SourceSpan(int Offset, int Length, int Line, int Column)
{
    /// <summary>The offset just past the last character.</summary>
    public int End => Offset + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Covering(SourceSpan first, SourceSpan last) =>
        last.End <= first.Offset ? first : new SourceSpan(first.Offset, last.End - first.Offset, first.Line, first.Column);

    /// <inheritdoc />
    public override string ToString() => $"({Line},{Column})+{Length}";
}
