using System;

namespace Deepstruct.Generators.Emit;

/// <summary>
/// One member of a generated class: its name, as DS3002 compares it with the user's members and
/// the class's name, and the code that writes it. Listing both together keeps the names checked
/// the names written.
/// </summary>
/// <param name="Name">The member's name (<see cref="Constructor"/> for the constructor); null for text between members, such as a comment.</param>
/// <param name="Write">Writes the member, starting with its own blank line where it wants one.</param>
/// <param name="ImplementedByUser">Whether the user writes the member's other part (a partial method), so a user's member of that name is expected.</param>
internal readonly record struct GeneratedMember(string? Name, Action<CodeWriter> Write, bool ImplementedByUser = false)
{
    /// <summary>The name of a parameterless instance constructor, as <see cref="Pipeline.DsnetClassReader.UserMembers"/> reports one.</summary>
    public const string Constructor = ".ctor";
}
