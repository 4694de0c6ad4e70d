using System.Diagnostics;
using Deepstruct.Structures;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// Spike (issue #13): the pull-by-target lists of <see cref="EdgePlan"/> with arrays only (no dictionaries), to
/// check that the build target (≤ 100 ms for WS(30000)) is reachable: the plan's skip maps already come by target
/// layer, so one pass over the maps gives the target-ordered edge list, segment numbers and edgeless rows.
/// </summary>
internal static class FastEdgeLists
{
    public static (long[] Src, long[] Seg, long[] SegVertex, long[] ConstVertex, int[] EdgeCount, int[] SegCount) Build(DanWiringPlan plan)
    {
        var layers = plan.Structure.Layers;
        var l = layers.LayerCount;
        var start = new int[l + 1];
        var maxSize = 0;
        for (var k = 0; k < l; k++) { start[k + 1] = start[k] + layers.SizeOf(k); maxSize = Math.Max(maxSize, layers.SizeOf(k)); }
        long edges = 0, segs = 0;
        foreach (var m in plan.MainMaps) { edges += m.ConnectionCount; segs += m.OutFeatures; }
        foreach (var m in plan.SkipMaps) { edges += m.ConnectionCount; }
        var src = new long[edges]; var seg = new long[edges];
        var segVertexList = new List<long>((int)segs * 2);
        var constVertex = new List<long>();
        var edgeCount = new int[l]; var segCount = new int[l];
        var rowSeg = new int[maxSize]; var stampOf = new int[maxSize]; var stamp = 0;
        var e = 0; var s = 0;
        for (var k = 1; k < l; k++)
        {
            var main = plan.MainMaps[k - 1];
            var e0 = e; var segBase = segVertexList.Count;
            for (var i = 0; i < main.OutFeatures; i++) segVertexList.Add(i);
            var rows = main.Rows; var cols = main.Columns;
            for (var i = 0; i < rows.Length; i++) { src[e] = start[k - 1] + cols[i]; seg[e++] = rows[i]; }
            for (; s < plan.SkipMaps.Count && plan.SkipMaps[s].TargetLayer == k; s++)
            {
                var m = plan.SkipMaps[s];
                stamp++;
                rows = m.Rows; cols = m.Columns;
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    if (stampOf[r] != stamp) { stampOf[r] = stamp; rowSeg[r] = segVertexList.Count - segBase; segVertexList.Add(r); }
                    src[e] = start[m.SourceLayer] + cols[i]; seg[e++] = rowSeg[r];
                }

                for (var r = 0; r < m.OutFeatures; r++)
                {
                    if (stampOf[r] != stamp) constVertex.Add(start[k] + r);
                }
            }

            edgeCount[k] = e - e0; segCount[k] = segVertexList.Count - segBase;
        }

        return (src, seg, segVertexList.ToArray(), constVertex.ToArray(), edgeCount, segCount);
    }

    /// <summary>Times structure → plan → lists → parameter and index tensors, warm (best of 5).</summary>
    public static void Time(string name)
    {
        var structure = EdgePlan.Named(name);
        for (var round = 0; round < 6; round++)
        {
            var sw = Stopwatch.StartNew();
            var plan = DanWiringPlan.Create(structure, 784, 10);
            var tPlan = sw.Elapsed.TotalMilliseconds;
            var lists = Build(plan);
            var tLists = sw.Elapsed.TotalMilliseconds;
            using var w = empty(lists.Src.Length).uniform_(-0.1, 0.1);
            using var b = empty(lists.SegVertex.Length).uniform_(-0.1, 0.1);
            using var cb = empty(lists.ConstVertex.Length).uniform_(-0.1, 0.1);
            using var src = tensor(lists.Src); using var seg = tensor(lists.Seg); using var sv = tensor(lists.SegVertex); using var cv = tensor(lists.ConstVertex);
            var splits = new List<Tensor>();
            splits.AddRange(src.split(lists.EdgeCount.Select(c => (long)c).ToArray()));
            splits.AddRange(seg.split(lists.EdgeCount.Select(c => (long)c).ToArray()));
            splits.AddRange(sv.split(lists.SegCount.Select(c => (long)c).ToArray()));
            var tAll = sw.Elapsed.TotalMilliseconds;
            foreach (var t in splits) t.Dispose();
            if (round > 0) Console.WriteLine($"BUILD {name}: plan {tPlan:F1} ms, array edge lists {tLists - tPlan:F1} ms, tensors {tAll - tLists:F1} ms, total {tAll:F1} ms (E {lists.Src.Length}, segments {lists.SegVertex.Length}, edgeless rows {lists.ConstVertex.Length})");
        }
    }
}
