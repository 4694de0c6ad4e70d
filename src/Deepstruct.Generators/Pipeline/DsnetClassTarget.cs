using Deepstruct.Generators.Diagnostics;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// What the generator needs of a <c>[Dsnet]</c> class, read off its symbol once and kept as plain
/// data: no symbol or syntax survives into later steps, so edits elsewhere leave it equal.
/// </summary>
/// <param name="HintName">The generated file's unique name.</param>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declaration headers of the enclosing types, outermost first.</param>
/// <param name="ClassName">The class name, which is the model's name.</param>
/// <param name="Text">The attribute's string, or null when it is not a constant string.</param>
/// <param name="UserMembers">Names of members the user declared (".ctor" for a parameterless constructor).</param>
/// <param name="Diagnostics">The class's diagnostics, for builds where the generator reports them.</param>
internal sealed record DsnetClassTarget(
    string HintName,
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    string? Text,
    EquatableArray<string> UserMembers,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The model's spec, when the class and its model are valid (compiled once, while the diagnostics are found).</summary>
    public ModelSpec? Spec { get; init; }

    /// <summary>Where the class declares its model (null for a further [Dsnet] of a class, which only reports DS3004).</summary>
    public ModelDeclaration? Declaration { get; init; }

    /// <summary>Why the generator itself failed on the class (reported as DS0001), or null.</summary>
    public string? Failure { get; init; }
}
