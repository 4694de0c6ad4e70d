using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Deepstruct.Binding;

/// <summary>
/// Compares names by reference. Valid only for names that all come from one parse, whose
/// identifiers the lexer interns (one string per distinct name): then reference equality is
/// string equality, and hashing an address is much cheaper than hashing text — it matters for
/// a structure written out with a million edges.
/// </summary>
internal sealed class InternedNameComparer : IEqualityComparer<string>
{
    public static InternedNameComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

    public int GetHashCode(string obj) => RuntimeHelpers.GetHashCode(obj);
}
