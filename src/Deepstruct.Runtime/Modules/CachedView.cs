using System;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// A view of part of a network tensor, made once and renewed when the network holds a different
/// tensor object (after <c>to()</c>); holding the old object keeps the identity check sound.
/// </summary>
internal struct CachedView : IDisposable
{
    private Tensor? _source;
    private Tensor? _view;

    public Tensor Get(Tensor source, long offset, long rows, long columns)
    {
        if (_view is not null && ReferenceEquals(source, _source) && !_view.IsInvalid)
        {
            return _view;
        }

        _view?.Dispose();

        // Detached first: a view made under no_grad of a parameter breaks once the optimizer changes
        // the parameter, while a detached view shares storage and version counter without autograd.
        var length = columns < 0 ? rows : rows * columns;
        using (var detached = source.detach())
        using (var part = detached.narrow(0, offset, length))
        {
            _view = (columns < 0 ? part.alias() : part.view(rows, columns)).DetachFromDisposeScope();
        }

        _source = source;
        return _view;
    }

    public void Dispose()
    {
        _view?.Dispose();
        _view = null;
        _source = null;
    }
}
