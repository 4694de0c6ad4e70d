using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Structures;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>
/// Binds structure expressions: names of the file's structures (each bound once, on first use),
/// family calls (sizes checked from the arguments before anything is built), <c>+</c>,
/// <c>stack</c>, <c>scale</c>, parentheses and structures written out. A null result means an
/// error was reported here or in a structure it uses.
/// </summary>
internal sealed class StructureBinder
{
    /// <summary>How deep structures may refer to structures that refer to structures (DSNET.md's nesting limit).</summary>
    private const int MaximumReferenceDepth = 64;

    private static readonly string[] Callables = [.. FamilyCatalog.Families.Keys, "scale", "stack"];

    private readonly DiagnosticBag _diagnostics;
    private readonly ValueReader _values;
    private readonly IReadOnlyDictionary<string, StructureDeclarationSyntax> _declarations;
    private readonly Dictionary<string, BoundStructure?> _bound = new();
    private readonly List<string> _inProgress = new();
    private readonly BuildBudget _budget;

    public StructureBinder(DiagnosticBag diagnostics, IReadOnlyDictionary<string, StructureDeclarationSyntax> declarations)
    {
        _diagnostics = diagnostics;
        _values = new ValueReader(diagnostics);
        _declarations = declarations;
        _budget = new BuildBudget(diagnostics);
    }

    public BoundStructure? BindDeclaration(StructureDeclarationSyntax declaration)
    {
        var name = declaration.Name.Text;
        if (_bound.TryGetValue(name, out var known))
        {
            return known;
        }

        _inProgress.Add(name);
        var bound = declaration.Definition is null ? null : Bind(declaration.Definition);
        _inProgress.RemoveAt(_inProgress.Count - 1);
        bound = declaration.HasSyntaxErrors ? null : bound;
        _bound[name] = bound;
        return bound;
    }

    public BoundStructure? Bind(ExpressionSyntax expression) => expression switch
    {
        StructureBodySyntax body => new WrittenStructureBinder(_diagnostics, _budget).Bind(body),
        NameExpressionSyntax name => BindName(name.Name),
        CallExpressionSyntax call => BindCall(call),
        UnionExpressionSyntax union => BindUnion(union),
        ParenthesizedExpressionSyntax parenthesized => Bind(parenthesized.Inner),
        _ => WrongType(expression),
    };

    private BoundStructure? WrongType(ExpressionSyntax expression)
    {
        _diagnostics.Report(DiagnosticIds.BadArgument, expression.Span, "Wrong type: found {0}, expected a structure (a name, a family such as 'path(n: 4)', an expression or '{{ … }}').", ValueReader.Describe(expression));
        return null;
    }

    private BoundStructure? BindName(Identifier name)
    {
        if (_declarations.TryGetValue(name.Text, out var declaration))
        {
            var index = _inProgress.IndexOf(name.Text);
            if (index < 0 && _inProgress.Count >= MaximumReferenceDepth)
            {
                // Each reference binds the structure it names first; bound the recursion that needs.
                _diagnostics.Report(DiagnosticIds.Syntax, name.Span, "Nesting too deep: found structures referring to structures {0} levels deep, expected at most {1}.", _inProgress.Count + 1, MaximumReferenceDepth);
                return null;
            }

            if (index >= 0)
            {
                var path = string.Join(" -> ", _inProgress.Skip(index).Append(name.Text));
                _diagnostics.Report(DiagnosticIds.Cycle, name.Span, "Structures defined in a circle: found {0}, expected each structure to use only structures defined without it.", path);
                return null;
            }

            return BindDeclaration(declaration);
        }

        if (FamilyCatalog.Families.TryGetValue(name.Text, out var family))
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, name.Span, "Family '{0}' needs arguments: found none, expected '{0}({1})'.", name.Text, string.Join(", ", family.Parameters));
            return null;
        }

        _diagnostics.Report(
            DiagnosticIds.UnknownName,
            name.Span,
            "Unknown structure '{0}': expected a structure of this file or a family{1}.",
            name.Text,
            NameSuggestion.Hint(name.Text, _declarations.Keys.Concat(Callables)));
        return null;
    }

    private BoundStructure? BindCall(CallExpressionSyntax call)
    {
        var callee = call.Callee.Text;
        if (FamilyCatalog.Families.TryGetValue(callee, out var family))
        {
            return BindFamily(call, family);
        }

        switch (callee)
        {
            case "scale":
                return BindScale(call);
            case "stack":
                return BindStack(call);
            default:
                _diagnostics.Report(
                    DiagnosticIds.UnknownName,
                    call.Callee.Span,
                    "Unknown family '{0}': expected one of {1}{2}.",
                    callee,
                    string.Join(", ", Callables),
                    NameSuggestion.Hint(callee, Callables));
                return null;
        }
    }

    private BoundStructure? BindFamily(CallExpressionSyntax call, FamilyCatalog.Family family)
    {
        var name = call.Callee.Text;
        var values = ArgumentMatcher.Match(_diagnostics, name, call.Callee.Span, call.Arguments, family.Parameters, family.Parameters.Count);
        if (values is null)
        {
            return null;
        }

        var integers = new long[values.Length];
        var reals = new double[values.Length];
        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = family.Parameters[i];
            var what = $"argument '{parameter}' of '{name}'";
            ok &= FamilyCatalog.IsProbability(parameter)
                ? _values.TryProbability(values[i]!, what, out reals[i])
                : FamilyCatalog.IsSeed(parameter)
                    ? _values.TryInteger(values[i]!, what, long.MinValue + 1, long.MaxValue, out integers[i])
                    : _values.TryInteger(values[i]!, what, 0, int.MaxValue, out integers[i]);
        }

        if (!ok)
        {
            return null;
        }

        var arguments = new FamilyCatalog.FamilyArguments(integers, reals);
        FamilySize size;
        try
        {
            size = family.Size(arguments);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // The core names the parameter that is out of range; point at its argument.
            var index = Array.IndexOf(family.Parameters.ToArray(), exception.ParamName);
            var span = index >= 0 ? values[index]!.Span : call.Span;
            _diagnostics.Report(DiagnosticIds.BadArgument, span, "Bad argument of '{0}': {1}", name, FirstLine(exception.Message));
            return null;
        }

        if (size.Vertices > Limits.MaximumVertices || size.MaxEdges > Limits.MaximumEdges)
        {
            _diagnostics.Report(
                DiagnosticIds.TooLarge,
                call.Span,
                "The structure is too large: '{0}' with these arguments has {1} vertices and up to {2} edges, expected at most {3} vertices and {4} edges at build time (larger structures are built at run time).",
                name,
                size.Vertices,
                size.MaxEdges,
                Limits.MaximumVertices,
                Limits.MaximumEdges);
            return null;
        }

        if (!_budget.TrySpend(size.Vertices + size.MaxEdges, call.Span))
        {
            return null;
        }

        try
        {
            return BoundStructure.Unnamed(family.Build(arguments));
        }
        catch (ArgumentException exception)
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, call.Span, "Bad argument of '{0}': {1}", name, FirstLine(exception.Message));
            return null;
        }
    }

    /// <summary>
    /// A sum of many terms parses into a left-deep tree as deep as the sum is long, so it is
    /// walked down its left spine with a loop, never by recursion, and all terms are joined at
    /// once so that a long sum costs time linear in its result.
    /// </summary>
    private BoundStructure? BindUnion(UnionExpressionSyntax union)
    {
        var spine = new Stack<UnionExpressionSyntax>();
        ExpressionSyntax leftmost = union;
        while (leftmost is UnionExpressionSyntax node)
        {
            spine.Push(node);
            leftmost = node.Left;
        }

        var terms = new List<BoundStructure?> { Bind(leftmost) };
        long vertices = terms[0]?.Structure.VertexCount ?? 0;
        long edges = terms[0]?.Structure.EdgeCount ?? 0;
        while (spine.Count > 0 && !_diagnostics.IsFull)
        {
            var node = spine.Pop();
            var term = Bind(node.Right);
            terms.Add(term);
            vertices += term?.Structure.VertexCount ?? 0;
            edges += term?.Structure.EdgeCount ?? 0;
            if (ExceedsLimits(node.OperatorSpan, "'+'", vertices, edges))
            {
                return null;
            }
        }

        if (spine.Count > 0 || terms.Any(term => term is null) || !_budget.TrySpend(vertices + edges, union.OperatorSpan))
        {
            return null;
        }

        // Names: the first term's win; a later term's name is kept where it is still free.
        var vertexNames = new Dictionary<string, int>();
        var blockNames = new Dictionary<string, VertexBlock>();
        var shift = 0;
        foreach (var term in terms)
        {
            foreach (var pair in term!.Vertices)
            {
                if (!vertexNames.ContainsKey(pair.Key) && !blockNames.ContainsKey(pair.Key))
                {
                    vertexNames[pair.Key] = pair.Value + shift;
                }
            }

            foreach (var pair in term.Blocks)
            {
                if (!vertexNames.ContainsKey(pair.Key) && !blockNames.ContainsKey(pair.Key))
                {
                    blockNames[pair.Key] = new VertexBlock(pair.Value.First + shift, pair.Value.Length);
                }
            }

            shift += term.Structure.VertexCount;
        }

        return new BoundStructure(StructureOperations.DisjointUnion(terms.Select(term => term!.Structure).ToList()), vertexNames, blockNames);
    }

    private BoundStructure? BindStack(CallExpressionSyntax call)
    {
        var values = ArgumentMatcher.Match(_diagnostics, "stack", call.Callee.Span, call.Arguments, ["lower", "upper"], 2);
        if (values is null)
        {
            return null;
        }

        var lower = Bind(values[0]!);
        var upper = Bind(values[1]!);
        if (lower is null || upper is null)
        {
            return null;
        }

        var a = lower.Structure;
        var b = upper.Structure;
        var last = a.Layers.SizeOf(a.LayerCount - 1);
        var first = b.Layers.SizeOf(0);
        if (last != first)
        {
            _diagnostics.Report(
                DiagnosticIds.SizeMismatch,
                call.Span,
                "Sizes do not fit: stack found a last layer of {0} vertices below a first layer of {1}, expected equal boundary layers.",
                last,
                first);
            return null;
        }

        if (TooLarge(call.Span, "stack", (long)a.VertexCount + b.VertexCount - first, (long)a.EdgeCount + b.EdgeCount))
        {
            return null;
        }

        var mapping = StructureOperations.StackMapping(a, b);
        var vertices = lower.Vertices.ToDictionary(pair => pair.Key, pair => pair.Value);
        var blocks = lower.Blocks.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var pair in upper.Vertices)
        {
            if (!vertices.ContainsKey(pair.Key) && !blocks.ContainsKey(pair.Key))
            {
                vertices[pair.Key] = mapping[pair.Value];
            }
        }

        foreach (var pair in upper.Blocks)
        {
            // A block survives only if its vertices stay consecutive.
            var start = mapping[pair.Value.First];
            var consecutive = Enumerable.Range(0, pair.Value.Length).All(i => mapping[pair.Value.First + i] == start + i);
            if (consecutive && !vertices.ContainsKey(pair.Key) && !blocks.ContainsKey(pair.Key))
            {
                blocks[pair.Key] = new VertexBlock(start, pair.Value.Length);
            }
        }

        return new BoundStructure(StructureOperations.Stack(a, b), vertices, blocks);
    }

    private BoundStructure? BindScale(CallExpressionSyntax call)
    {
        var values = ArgumentMatcher.Match(_diagnostics, "scale", call.Callee.Span, call.Arguments, ["structure", "total", "proportions"], 2);
        if (values is null)
        {
            return null;
        }

        var source = Bind(values[0]!);
        var totalOk = _values.TryInteger(values[1]!, "argument 'total' of 'scale'", 1, int.MaxValue, out var total);
        if (source is null || !totalOk)
        {
            return null;
        }

        var structure = source.Structure;
        Dictionary<int, double>? proportions = null;
        if (values[2] is { } proportionsSyntax)
        {
            proportions = BindProportions(proportionsSyntax, source);
            if (proportions is null)
            {
                return null;
            }
        }

        var sizes = StructureOperations.ScaledBlockSizes(structure.VertexCount, total, proportions);
        var vertexCount = sizes.Aggregate(0L, (sum, size) => sum + size);
        if (TooLarge(call.Span, "scale", vertexCount, StructureOperations.ScaledEdgeCount(structure, sizes)))
        {
            return null;
        }

        var scaled = StructureOperations.Scale(structure, sizes);
        var blocks = new Dictionary<string, VertexBlock>();
        foreach (var pair in source.Vertices)
        {
            blocks[pair.Key] = new VertexBlock(scaled.BlockStart(pair.Value), scaled.BlockLength(pair.Value));
        }

        foreach (var pair in source.Blocks)
        {
            var first = scaled.BlockStart(pair.Value.First);
            var lastVertex = pair.Value.First + pair.Value.Length - 1;
            blocks[pair.Key] = new VertexBlock(first, scaled.BlockStart(lastVertex) + scaled.BlockLength(lastVertex) - first);
        }

        return new BoundStructure(scaled.Structure, new Dictionary<string, int>(), blocks);
    }

    private Dictionary<int, double>? BindProportions(ExpressionSyntax syntax, BoundStructure source)
    {
        if (syntax is not MapSyntax map)
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, syntax.Span, "Wrong type for scale's proportions: found {0}, expected '{{ vertex: share, … }}'.", ValueReader.Describe(syntax));
            return null;
        }

        var proportions = new Dictionary<int, double>();
        var ok = true;
        var sum = 0.0;
        foreach (var entry in map.Entries)
        {
            int vertex;
            if (entry.KeyIsIndex)
            {
                if (!int.TryParse(entry.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out vertex) || vertex >= source.Structure.VertexCount)
                {
                    _diagnostics.Report(DiagnosticIds.BadArgument, entry.KeySpan, "Vertex index out of range: found {0}, expected 0 to {1}.", entry.Key, source.Structure.VertexCount - 1);
                    ok = false;
                    continue;
                }
            }
            else if (!source.Vertices.TryGetValue(entry.Key, out vertex))
            {
                _diagnostics.Report(DiagnosticIds.UnknownName, entry.KeySpan, "Unknown vertex '{0}' in proportions: expected a vertex of the scaled structure{1}.", entry.Key, NameSuggestion.Hint(entry.Key, source.Vertices.Keys));
                ok = false;
                continue;
            }

            if (proportions.ContainsKey(vertex))
            {
                _diagnostics.Report(DiagnosticIds.DuplicateName, entry.KeySpan, "Duplicate key '{0}' in proportions: expected each vertex once.", entry.Key);
                ok = false;
                continue;
            }

            if (!_values.TryProbability(entry.Value, $"the proportion of '{entry.Key}'", out var share))
            {
                ok = false;
                continue;
            }

            proportions[vertex] = share;
            sum += share;
        }

        if (ok && Math.Abs(sum - 1.0) > 1e-9)
        {
            _diagnostics.Report(DiagnosticIds.BadArgument, map.Span, "Proportions out of range: found a sum of {0}, expected 1.", sum.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            ok = false;
        }

        return ok ? proportions : null;
    }

    /// <summary>Checks the limits of one structure (DS2008), then charges the compilation's budget for building it.</summary>
    private bool TooLarge(SourceSpan span, string what, long vertices, long edges) =>
        ExceedsLimits(span, what, vertices, edges) || !_budget.TrySpend(vertices + edges, span);

    private bool ExceedsLimits(SourceSpan span, string what, long vertices, long edges)
    {
        if (vertices <= Limits.MaximumVertices && edges <= Limits.MaximumEdges)
        {
            return false;
        }

        _diagnostics.Report(
            DiagnosticIds.TooLarge,
            span,
            "The structure is too large: {0} gives {1} vertices and {2} edges, expected at most {3} vertices and {4} edges at build time (larger structures are built at run time).",
            what,
            vertices,
            edges,
            Limits.MaximumVertices,
            Limits.MaximumEdges);
        return true;
    }

    /// <summary>The core's exception message without the runtime's "(Parameter 'x')" and "Actual value" additions.</summary>
    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message.Substring(0, end);
        var parameter = line.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? line : line.Substring(0, parameter);
    }
}
