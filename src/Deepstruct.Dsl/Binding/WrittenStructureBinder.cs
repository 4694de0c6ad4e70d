using System;
using System.Collections.Generic;
using System.Linq;
using Deepstruct.Diagnostics;
using Deepstruct.Structures;
using Deepstruct.Syntax;

namespace Deepstruct.Binding;

/// <summary>
/// Binds a structure written out (<c>{ vertex …; block …; a -> b; }</c>): declares vertices and
/// blocks, expands edge chains and patterns onto a <see cref="StructureBuilder"/>, enforces the
/// limits before each expansion, and reports cycles by vertex name at one of the cycle's edges.
/// </summary>
internal sealed class WrittenStructureBinder
{
    private readonly DiagnosticBag _diagnostics;
    private readonly BuildBudget _budget;
    private readonly ValueReader _values;
    private readonly Dictionary<string, Entry> _entries = new(InternedNameComparer.Instance);
    private readonly List<string> _names = new();
    private readonly StructureBuilder _builder = new();
    private bool _ok;
    private int[]? _nameOfVertex;
    private (int First, int Length)[] _resolved = new (int First, int Length)[8];

    public WrittenStructureBinder(DiagnosticBag diagnostics, BuildBudget budget)
    {
        _diagnostics = diagnostics;
        _budget = budget;
        _values = new ValueReader(diagnostics);
    }

    public BoundStructure? Bind(StructureBodySyntax body)
    {
        _ok = !body.HasSyntaxErrors;
        var declared = body.Declarations.Count > 0;
        if (!Declare(body))
        {
            return null;
        }

        for (var i = 0; i < body.Chains.Count; i++)
        {
            if (!Connect(body.Chains[i], declared))
            {
                return null;
            }
        }

        if (!_ok)
        {
            return null;
        }

        if (_builder.VertexCount == 0)
        {
            // Every structure a model or an operation receives has a first and a last layer.
            _diagnostics.Report(DiagnosticIds.SizeMismatch, body.Span, "The structure is empty: found no vertices, expected at least one.");
            return null;
        }

        if (!_builder.TryBuild(out var structure, out var cycle))
        {
            ReportCycle(body, cycle!);
            return null;
        }

        ReportIsolated(structure!);
        var vertices = new Dictionary<string, int>();
        var blocks = new Dictionary<string, VertexBlock>();
        foreach (var name in _names)
        {
            var entry = _entries[name];
            if (entry.IsBlock)
            {
                blocks[name] = new VertexBlock(entry.First, entry.Length);
            }
            else
            {
                vertices[name] = entry.First;
            }
        }

        return new BoundStructure(structure!, vertices, blocks);
    }

    /// <summary>Runs the <c>vertex</c> and <c>block</c> statements in order; false when a limit stops the structure.</summary>
    private bool Declare(StructureBodySyntax body)
    {
        foreach (var statement in body.Declarations)
        {
            if (statement is VertexDeclarationSyntax vertexDeclaration)
            {
                foreach (var name in vertexDeclaration.Names)
                {
                    if (!Add(name, 1, isBlock: false, name.Span))
                    {
                        return false;
                    }
                }
            }
            else if (statement is BlockDeclarationSyntax blockDeclaration)
            {
                foreach (var block in blockDeclaration.Blocks)
                {
                    if (!_values.TryInteger(block.Size, $"the size of block '{block.Name.Text}'", 0, long.MaxValue, out var size))
                    {
                        _ok = false;
                        continue;
                    }

                    if (size == 0)
                    {
                        // Still declared (with no vertices), so that its uses do not add "unknown name" errors.
                        _diagnostics.Report(DiagnosticIds.SizeMismatch, block.Size.Span, "Block '{0}' is empty: found size 0, expected at least 1 vertex.", block.Name.Text);
                        _ok = false;
                    }

                    if (!Add(block.Name, size, isBlock: true, block.Span))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private bool Add(Identifier name, long size, bool isBlock, SourceSpan span)
    {
        if (_entries.ContainsKey(name.Text))
        {
            _diagnostics.Report(DiagnosticIds.DuplicateName, name.Span, "Duplicate name '{0}': it is already declared in this structure; expected a new name.", name.Text);
            _ok = false;
            return true;
        }

        if (_builder.VertexCount + size > Limits.MaximumVertices)
        {
            _diagnostics.Report(
                DiagnosticIds.TooLarge,
                span,
                "The structure is too large: '{0}' brings it to {1} vertices, expected at most {2} at build time (larger structures are built at run time).",
                name.Text,
                _builder.VertexCount + size,
                Limits.MaximumVertices);
            return false;
        }

        if (!_budget.TrySpend(size, span))
        {
            return false;
        }

        var first = _builder.AddVertices((int)size);
        _entries.Add(name.Text, new Entry(first, (int)size, isBlock, span));
        _names.Add(name.Text);
        return true;
    }

    /// <summary>Expands one chain; false when a limit stops the whole structure.</summary>
    private bool Connect(EdgeChainView chain, bool declared)
    {
        var references = chain.References;
        var count = references.Count;
        if (_resolved.Length < count)
        {
            _resolved = new (int First, int Length)[count];
        }

        var resolved = _resolved;
        var allResolved = true;
        for (var i = 0; i < count; i++)
        {
            var result = Resolve(references.Array![references.Offset + i], declared);
            if (result is null)
            {
                if (_diagnostics.IsFull)
                {
                    return false;
                }

                allResolved = false;
                continue;
            }

            resolved[i] = result.Value;
        }

        var pattern = BindPattern(chain.Pattern);
        if (!allResolved || pattern is null)
        {
            _ok = false;
            return true;
        }

        var groupStart = 0;
        for (var group = 0; group + 1 < chain.GroupCount; group++)
        {
            var sources = chain.Group(group);
            var targets = chain.Group(group + 1);
            var targetStart = groupStart + sources.Length;
            for (var s = 0; s < sources.Length; s++)
            {
                for (var t = 0; t < targets.Length; t++)
                {
                    var source = resolved[groupStart + s];
                    var target = resolved[targetStart + t];
                    var span = SourceSpan.Covering(sources[s].Span, targets[t].Span);
                    if (!Link(pattern, source, target, span))
                    {
                        return false;
                    }
                }
            }

            groupStart = targetStart;
        }

        return true;
    }

    private bool Link(BlockPattern pattern, (int First, int Length) source, (int First, int Length) target, SourceSpan span)
    {
        if (!pattern.Accepts(source.Length, target.Length))
        {
            _diagnostics.Report(DiagnosticIds.SizeMismatch, span, "Sizes do not fit: one_to_one found {0} sources and {1} targets, expected equal sizes.", source.Length, target.Length);
            _ok = false;
            return true;
        }

        var most = pattern.MaxEdgeCount(source.Length, target.Length);
        if (most > Limits.MaximumEdges - _builder.EdgeCount)
        {
            _diagnostics.Report(
                DiagnosticIds.TooLarge,
                span,
                "The structure is too large: this connection adds up to {0} edges to {1}, expected at most {2} in all at build time (larger structures are built at run time).",
                most,
                _builder.EdgeCount,
                Limits.MaximumEdges);
            _ok = false;
            return false;
        }

        // Even a link that adds nothing (random(p: 0)) is work: charged, so that no text costs more than it is charged.
        if (!_budget.TrySpend(Math.Max(1, most), span))
        {
            _ok = false;
            return false;
        }

        // "a -> b" is the common case of large files: skip the pattern's enumeration for single vertices.
        var selfPairs = source.Length == 1 && target.Length == 1 && pattern.IsDeterministic
            ? AddSingle(source.First, target.First)
            : pattern.Connect(_builder, source.First, source.Length, target.First, target.Length);

        if (selfPairs > 0)
        {
            _diagnostics.Report(DiagnosticIds.SelfLoop, span, "Self-loop: found an edge from {0} to itself, expected edges between different vertices (a structure is acyclic).", Label(source.First));
            _ok = false;
        }

        return true;
    }

    private long AddSingle(int source, int target)
    {
        if (source == target)
        {
            return 1;
        }

        _builder.AddEdge(source, target);
        return 0;
    }

    private (int First, int Length)? Resolve(VertexReference reference, bool declared)
    {
        var name = reference.Name.Text;
        if (!_entries.TryGetValue(name, out var entry))
        {
            if (declared || reference.Range is not null)
            {
                _diagnostics.Report(
                    DiagnosticIds.UnknownName,
                    reference.Name.Span,
                    declared
                        ? "Unknown vertex '{0}': this structure declares its vertices, expected a declared vertex or block{1}."
                        : "Unknown block '{0}': found an index on an undeclared name, expected a block declared with 'block {0}[size];'{1}.",
                    name,
                    NameSuggestion.Hint(name, _names));
                return null;
            }

            if (_builder.VertexCount + 1L > Limits.MaximumVertices)
            {
                _diagnostics.Report(DiagnosticIds.TooLarge, reference.Span, "The structure is too large: '{0}' would be vertex {1}, expected at most {2} vertices at build time.", name, _builder.VertexCount + 1L, Limits.MaximumVertices);
                return null;
            }

            entry = new Entry(_builder.AddVertex(), 1, IsBlock: false, reference.Name.Span);
            _entries.Add(name, entry);
            _names.Add(name);
        }

        if (reference.Range is not { } range)
        {
            return (entry.First, entry.Length);
        }

        if (!entry.IsBlock)
        {
            _diagnostics.Report(DiagnosticIds.SizeMismatch, range.Span, "'{0}' is a single vertex: found an index, expected a block.", name);
            return null;
        }

        var what = $"an index of block '{name}'";
        if (!_values.TryInteger(range.First, what, 0, long.MaxValue, out var first))
        {
            return null;
        }

        var last = first;
        if (range.Last is not null && !_values.TryInteger(range.Last, what, 0, long.MaxValue, out last))
        {
            return null;
        }

        if (last < first || last >= entry.Length)
        {
            _diagnostics.Report(
                DiagnosticIds.SizeMismatch,
                range.Span,
                "Range past its block: found [{0}..{1}], expected indices within {2}[0..{3}].",
                first,
                last,
                name,
                entry.Length - 1);
            return null;
        }

        return (entry.First + (int)first, (int)(last - first + 1));
    }

    private BlockPattern? BindPattern(PatternSyntax? syntax)
    {
        if (syntax is null)
        {
            return BlockPattern.Full;
        }

        var name = syntax.Name.Text;
        switch (name)
        {
            case "full":
            case "one_to_one":
                if (syntax.Arguments.Count > 0)
                {
                    _diagnostics.Report(DiagnosticIds.BadArgument, syntax.Arguments[0].Span, "Pattern '{0}' takes no arguments: found {1}, expected none.", name, syntax.Arguments.Count);
                    return null;
                }

                return name == "full" ? BlockPattern.Full : BlockPattern.OneToOne;
            case "band":
            {
                var values = ArgumentMatcher.Match(_diagnostics, name, syntax.Name.Span, syntax.Arguments, ["width"], 1);
                return values is not null && _values.TryInteger(values[0]!, "argument 'width' of 'band'", 0, int.MaxValue, out var width)
                    ? BlockPattern.Band((int)width)
                    : null;
            }

            case "random":
            {
                var values = ArgumentMatcher.Match(_diagnostics, name, syntax.Name.Span, syntax.Arguments, ["p", "seed"], 2);
                if (values is null)
                {
                    return null;
                }

                var pOk = _values.TryProbability(values[0]!, "argument 'p' of 'random'", out var p);
                var seedOk = _values.TryInteger(values[1]!, "argument 'seed' of 'random'", long.MinValue + 1, long.MaxValue, out var seed);
                return pOk && seedOk ? BlockPattern.Random(p, seed) : null;
            }

            default:
                _diagnostics.Report(
                    DiagnosticIds.UnknownName,
                    syntax.Name.Span,
                    "Unknown pattern '{0}': expected 'full', 'random', 'one_to_one' or 'band'{1}.",
                    name,
                    NameSuggestion.Hint(name, ["full", "random", "one_to_one", "band"]));
                return null;
        }
    }

    private void ReportCycle(StructureBodySyntax body, IReadOnlyList<int> cycle)
    {
        var path = StructureCycleException.FormatCycle(cycle.Select(Label).ToList());

        // Locate the edge that closes the cycle (last -> first): find a link whose blocks contain it.
        var from = cycle[cycle.Count - 1];
        var to = cycle[0];
        var span = body.Span;
        for (var i = 0; i < body.Chains.Count; i++)
        {
            if (FindLink(body.Chains[i], from, to) is { } found)
            {
                span = found;
                break;
            }
        }

        _diagnostics.Report(DiagnosticIds.Cycle, span, "The structure is not a DAG: found the cycle {0}, expected no path from a vertex back to itself.", path);
    }

    private SourceSpan? FindLink(EdgeChainView chain, int from, int to)
    {
        for (var group = 0; group + 1 < chain.GroupCount; group++)
        {
            var sources = chain.Group(group);
            var targets = chain.Group(group + 1);
            foreach (var source in sources)
            {
                if (!Contains(source, from))
                {
                    continue;
                }

                foreach (var target in targets)
                {
                    if (Contains(target, to))
                    {
                        return SourceSpan.Covering(source.Span, target.Span);
                    }
                }
            }
        }

        return null;
    }

    private bool Contains(VertexReference reference, int vertex)
    {
        if (!_entries.TryGetValue(reference.Name.Text, out var entry))
        {
            return false;
        }

        var first = entry.First;
        var length = entry.Length;
        if (reference.Range is { } range && long.TryParse(range.First.Text, out var index))
        {
            var last = range.Last is not null && long.TryParse(range.Last.Text, out var lastIndex) ? lastIndex : index;
            first = entry.First + (int)index;
            length = (int)(last - index + 1);
        }

        return vertex >= first && vertex < first + length;
    }

    private void ReportIsolated(Structure structure)
    {
        foreach (var name in _names)
        {
            var entry = _entries[name];
            var isolated = 0;
            var firstIsolated = -1;
            for (var v = entry.First; v < entry.First + entry.Length; v++)
            {
                if (structure.Adjacency.OutDegree(v) == 0 && structure.Adjacency.InDegree(v) == 0)
                {
                    isolated++;
                    firstIsolated = firstIsolated < 0 ? v : firstIsolated;
                }
            }

            if (isolated == 0)
            {
                continue;
            }

            if (entry.IsBlock)
            {
                _diagnostics.Report(DiagnosticIds.IsolatedVertex, entry.DeclaredAt, "Block '{0}' has {1} of its {2} vertices with no edges (the first is {3}); expected every vertex to be connected.", name, isolated, entry.Length, Label(firstIsolated));
            }
            else
            {
                _diagnostics.Report(DiagnosticIds.IsolatedVertex, entry.DeclaredAt, "Vertex '{0}' has no edges: expected it to be connected.", name);
            }
        }
    }

    private string Label(int vertex)
    {
        // Built on first use (only messages need it), so labelling a long cycle stays linear.
        if (_nameOfVertex is null)
        {
            _nameOfVertex = new int[_builder.VertexCount];
            for (var i = 0; i < _names.Count; i++)
            {
                var entry = _entries[_names[i]];
                for (var v = entry.First; v < entry.First + entry.Length; v++)
                {
                    _nameOfVertex[v] = i;
                }
            }
        }

        var name = _names[_nameOfVertex[vertex]];
        var owner = _entries[name];
        return owner.IsBlock ? $"{name}[{vertex - owner.First}]" : name;
    }

    private readonly record struct Entry(int First, int Length, bool IsBlock, SourceSpan DeclaredAt);
}
