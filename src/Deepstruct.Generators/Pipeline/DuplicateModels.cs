using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Deepstruct.Generators.Pipeline;

/// <summary>
/// The declarations of the project whose full name is declared more than once (across <c>.dsnet</c>
/// files, or a <c>.dsnet</c> model and a <c>[Dsnet]</c> class). None of them is generated, so the
/// user sees DS2004 at each and never CS0101 in generated code.
/// </summary>
internal sealed record DuplicateModels(EquatableArray<ModelDeclaration> Declarations)
{
    public static DuplicateModels Find(IEnumerable<ModelDeclaration> declarations) =>
        new(new EquatableArray<ModelDeclaration>(declarations
            .GroupBy(declaration => declaration.FullName, StringComparer.Ordinal)
            .Where(group => group.Skip(1).Any())
            .SelectMany(group => group)
            .OrderBy(declaration => declaration.FullName, StringComparer.Ordinal)
            .ThenBy(declaration => declaration.Place, StringComparer.Ordinal)));

    /// <summary>The other declarations of <paramref name="declaration"/>'s full name.</summary>
    public List<ModelDeclaration> OthersOf(ModelDeclaration declaration) =>
        Declarations.Where(other => other.FullName == declaration.FullName && other != declaration).ToList();

    /// <summary>DS2004 at <paramref name="location"/> (the declaration's), naming the other places.</summary>
    public static DsnetFinding Finding(ModelDeclaration declaration, Location location, IEnumerable<ModelDeclaration> others)
    {
        var places = string.Join(", ", others.Select(other => other.Place).OrderBy(place => place, StringComparer.Ordinal));
        var message = "Duplicate model '" + declaration.FullName.Replace('+', '.') + "': also declared at " + places
            + "; expected each model's full name (namespace and name) once in the project.";
        return new DsnetFinding(DsnetDescriptors.DuplicateName, location, message);
    }
}
