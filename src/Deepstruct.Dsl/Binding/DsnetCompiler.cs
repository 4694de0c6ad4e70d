using System.Collections.Generic;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>
/// The front end of the <c>.dsnet</c> language: text in, bound models and structures plus located
/// diagnostics out. It never throws on any input; every failure is a diagnostic.
/// </summary>
public static class DsnetCompiler
{
    /// <summary>Compiles a whole <c>.dsnet</c> file.</summary>
    public static DsnetCompilation Compile(string text)
    {
        var diagnostics = new DiagnosticBag();
        if (!CheckSize(text, diagnostics))
        {
            return Result(null, null, [], new Dictionary<string, BoundStructure>(), diagnostics);
        }

        var unit = new Parser(text, diagnostics).ParseCompilationUnit();
        return Bind(unit, text, diagnostics);
    }

    /// <summary>
    /// Compiles the string of a <c>[Dsnet("...")]</c> attribute: one model without
    /// <c>model NAME :</c>, written <c>KIND { SETTINGS }</c>, named <paramref name="className"/>.
    /// Spans are relative to the start of <paramref name="text"/> (the literal's content).
    /// </summary>
    public static DsnetCompilation CompileModel(string text, string className)
    {
        var diagnostics = new DiagnosticBag();
        if (!CheckSize(text, diagnostics))
        {
            return Result(null, null, [], new Dictionary<string, BoundStructure>(), diagnostics);
        }

        var model = new Parser(text, diagnostics).ParseAttributeModel(className ?? string.Empty);
        var models = new List<BoundModel>();
        if (model is not null)
        {
            var structures = new StructureBinder(diagnostics, new Dictionary<string, StructureDeclarationSyntax>());
            var bound = new ModelBinder(diagnostics, structures, text).Bind(model);
            if (bound is not null)
            {
                models.Add(bound);
            }
        }

        return Result(null, null, models, new Dictionary<string, BoundStructure>(), diagnostics);
    }

    /// <summary>
    /// Parses without binding: the file's outline (its declarations with their names, spans and, for
    /// models, kinds; the statements inside are the front end's own) and the syntax diagnostics (DS1001, DS1002).
    /// </summary>
    public static (CompilationUnitSyntax Syntax, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text)
    {
        var diagnostics = new DiagnosticBag();
        var unit = CheckSize(text, diagnostics)
            ? new Parser(text, diagnostics).ParseCompilationUnit()
            : new Parser(string.Empty, diagnostics).ParseCompilationUnit();
        return (unit, Sorted(diagnostics));
    }

    private static DsnetCompilation Bind(CompilationUnitSyntax unit, string text, DiagnosticBag diagnostics)
    {
        var declarations = new Dictionary<string, DeclarationSyntax>();
        var structureDeclarations = new Dictionary<string, StructureDeclarationSyntax>();
        var unique = new List<DeclarationSyntax>();
        foreach (var declaration in unit.Declarations)
        {
            if (declarations.TryGetValue(declaration.Name.Text, out var first))
            {
                diagnostics.Report(
                    DiagnosticIds.DuplicateName,
                    declaration.Name.Span,
                    "Duplicate name '{0}': already declared at line {1}, column {2}; expected names unique within the file.",
                    declaration.Name.Text,
                    first.Name.Span.Line,
                    first.Name.Span.Column);
                continue;
            }

            declarations.Add(declaration.Name.Text, declaration);
            unique.Add(declaration);
            if (declaration is StructureDeclarationSyntax structure)
            {
                structureDeclarations.Add(structure.Name.Text, structure);
            }
        }

        var structures = new StructureBinder(diagnostics, structureDeclarations);
        var boundStructures = new Dictionary<string, BoundStructure>();
        var models = new List<BoundModel>();
        var modelBinder = new ModelBinder(diagnostics, structures, text);
        foreach (var declaration in unique)
        {
            if (diagnostics.IsFull)
            {
                break;
            }

            if (declaration is StructureDeclarationSyntax structure)
            {
                if (structures.BindDeclaration(structure) is { } bound)
                {
                    boundStructures.Add(structure.Name.Text, bound);
                }
            }
            else if (declaration is ModelDeclarationSyntax model && modelBinder.Bind(model) is { } boundModel)
            {
                models.Add(boundModel);
            }
        }

        return Result(unit, unit.Namespace?.Name, models, boundStructures, diagnostics);
    }

    private static bool CheckSize(string text, DiagnosticBag diagnostics)
    {
        if (text is null)
        {
            diagnostics.Report(DiagnosticIds.Syntax, new SourceSpan(0, 0, 1, 1), "No text: found null, expected the text of a .dsnet file.");
            return false;
        }

        if (text.Length > Limits.MaximumTextLength)
        {
            diagnostics.Report(DiagnosticIds.TooLarge, new SourceSpan(0, 0, 1, 1), "The text is too large: found {0} characters, expected at most {1}.", text.Length, Limits.MaximumTextLength);
            return false;
        }

        return true;
    }

    private static DsnetCompilation Result(
        CompilationUnitSyntax? unit,
        string? @namespace,
        IReadOnlyList<BoundModel> models,
        IReadOnlyDictionary<string, BoundStructure> structures,
        DiagnosticBag diagnostics) =>
        new(unit, @namespace, models, structures, Sorted(diagnostics));

    private static Diagnostic[] Sorted(DiagnosticBag diagnostics) =>
        diagnostics.Items.OrderBy(diagnostic => diagnostic.Span.Offset).ToArray();

}
