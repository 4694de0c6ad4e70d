using Deepstruct.Diagnostics;

namespace Deepstruct.Binding;

/// <summary>
/// Bounds the total work of one compilation. Each structure is limited on its own (DS2008), but a
/// short text can name a large structure many times (<c>A + A</c> in ten thousand declarations);
/// every vertex and edge about to be built is charged here first, so the whole compilation stays
/// bounded by construction, whatever the input.
/// </summary>
internal sealed class BuildBudget(DiagnosticBag diagnostics)
{
    /// <summary>Ten structures of the largest size allowed.</summary>
    public const long MaximumWork = 10 * (Limits.MaximumVertices + Limits.MaximumEdges);

    private long _spent;
    private bool _reported;

    public bool TrySpend(long work, SourceSpan span)
    {
        if (work <= MaximumWork - _spent)
        {
            _spent += work;
            return true;
        }

        if (!_reported)
        {
            _reported = true;
            diagnostics.Report(
                DiagnosticIds.TooLarge,
                span,
                "The file builds too much: this brings its structures to more than {0} vertices and edges in all, expected at most that many in one compilation (larger structures are built at run time).",
                MaximumWork);
        }

        _spent = MaximumWork;
        return false;
    }
}
