using System;
using System.Collections.Generic;

namespace Deepstruct.Structures;

/// <summary>
/// Numbers the skip maps of a wiring plan by their (source layer, target layer) pair. A dense
/// layer × layer table when it costs no more than the graph itself (most structures: one array
/// read per edge), a dictionary otherwise, so memory stays linear in V + E either way.
/// </summary>
internal sealed class SkipMapNumbers
{
    private readonly int _layerCount;
    private readonly int[]? _table;
    private readonly Dictionary<long, int>? _dictionary;
    private readonly List<(int Source, int Target, int Map)> _pairs = new();

    public SkipMapNumbers(int layerCount, long graphSize)
    {
        _layerCount = layerCount;
        if ((long)layerCount * layerCount <= Math.Max(graphSize, 1024))
        {
            _table = new int[layerCount * layerCount];
        }
        else
        {
            _dictionary = new Dictionary<long, int>();
        }
    }

    public bool TryGet(int sourceLayer, int targetLayer, out int map)
    {
        if (_table is not null)
        {
            map = _table[(sourceLayer * _layerCount) + targetLayer] - 1;
            return map >= 0;
        }

        return _dictionary!.TryGetValue(((long)targetLayer << 32) | (uint)sourceLayer, out map);
    }

    public void Add(int sourceLayer, int targetLayer, int map)
    {
        if (_table is not null)
        {
            _table[(sourceLayer * _layerCount) + targetLayer] = map + 1;
        }
        else
        {
            _dictionary!.Add(((long)targetLayer << 32) | (uint)sourceLayer, map);
        }

        _pairs.Add((sourceLayer, targetLayer, map));
    }

    public List<(int Source, int Target, int Map)> LayerPairsByTargetThenSource()
    {
        var ordered = new List<(int Source, int Target, int Map)>(_pairs);
        ordered.Sort((a, b) => a.Target != b.Target ? a.Target.CompareTo(b.Target) : a.Source.CompareTo(b.Source));
        return ordered;
    }
}
