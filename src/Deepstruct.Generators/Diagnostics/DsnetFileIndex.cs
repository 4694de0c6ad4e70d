using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Deepstruct.Binding;
using Deepstruct.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Deepstruct.Generators.Diagnostics;

/// <summary>
/// The analyzer's view of every <c>.dsnet</c> file of one compilation, compiled once on first use:
/// each file's diagnostics need only the file, but a duplicate model name (DS2004) needs every
/// file's declarations.
/// </summary>
internal sealed class DsnetFileIndex
{
    private readonly ImmutableArray<AdditionalText> _files;
    private readonly string? _rootNamespace;
    private readonly object _gate = new();
    private Dictionary<string, Entry>? _entries;

    public DsnetFileIndex(ImmutableArray<AdditionalText> files, string? rootNamespace)
    {
        _files = files;
        _rootNamespace = rootNamespace;
    }

    /// <summary>A file's text, compilation and model declarations.</summary>
    public sealed record Entry(SourceText Text, DsnetCompilation Compilation, List<ModelDeclaration> Declarations);

    public static bool IsDsnet(AdditionalText file) => file.Path.EndsWith(".dsnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The entry of <paramref name="file"/>, or null when its text cannot be read.</summary>
    public Entry? Get(AdditionalText file, CancellationToken token) =>
        Entries(token).TryGetValue(file.Path, out var entry) ? entry : Compile(file, token);

    /// <summary>The <c>.dsnet</c> models of a full name, in every file.</summary>
    public IEnumerable<ModelDeclaration> Named(string fullName, CancellationToken token) =>
        Entries(token).Values.SelectMany(entry => entry.Declarations).Where(declaration => declaration.FullName == fullName);

    private Dictionary<string, Entry> Entries(CancellationToken token)
    {
        lock (_gate)
        {
            if (_entries is null)
            {
                // Not cached when cancelled: the next caller starts again.
                var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
                foreach (var file in _files.Where(IsDsnet))
                {
                    if (!entries.ContainsKey(file.Path) && Compile(file, token) is { } entry)
                    {
                        entries.Add(file.Path, entry);
                    }
                }

                _entries = entries;
            }

            return _entries;
        }
    }

    private Entry? Compile(AdditionalText file, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        if (file.GetText(token) is not { } text)
        {
            return null;
        }

        var compilation = DsnetCompiler.Compile(text.ToString());
        return new Entry(text, compilation, ModelDeclarations.OfFile(file.Path, text, compilation, _rootNamespace));
    }
}
