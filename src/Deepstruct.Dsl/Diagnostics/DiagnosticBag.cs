using System.Collections.Generic;
using System.Globalization;

namespace Deepstruct.Diagnostics;

/// <summary>
/// Collects diagnostics for one compilation. The number kept is bounded so that a file of random
/// bytes cannot make the front end spend memory on millions of messages; once the bound is hit
/// one last error says so, and <see cref="IsFull"/> tells the parser to stop.
/// </summary>
internal sealed class DiagnosticBag
{
    public const int MaximumCount = 1000;

    private readonly List<Diagnostic> _items = new();

    public int Count => _items.Count;

    public bool IsFull => _items.Count >= MaximumCount;

    public int ErrorCount { get; private set; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public void Report(string id, SourceSpan span, string message)
    {
        if (_items.Count >= MaximumCount)
        {
            return;
        }

        var severity = DiagnosticIds.SeverityOf(id);
        if (_items.Count == MaximumCount - 1)
        {
            _items.Add(new Diagnostic(
                DiagnosticIds.Syntax,
                DiagnosticSeverity.Error,
                string.Format(CultureInfo.InvariantCulture, "Too many diagnostics: found more than {0}; the rest of the text was not checked.", MaximumCount - 1),
                span));
            ErrorCount++;
            return;
        }

        _items.Add(new Diagnostic(id, severity, DisplayText.Escape(message), span));
        if (severity == DiagnosticSeverity.Error)
        {
            ErrorCount++;
        }
    }

    /// <summary>Reports a formatted message; text arguments (often the user's own text) are shortened when long.</summary>
    public void Report(string id, SourceSpan span, string format, params object?[] arguments)
    {
        if (_items.Count >= MaximumCount)
        {
            return;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is string text)
            {
                arguments[i] = DisplayText.Shorten(text);
            }
        }

        Report(id, span, string.Format(CultureInfo.InvariantCulture, format, arguments));
    }
}
