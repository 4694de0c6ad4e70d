using Deepstruct.Structures;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// Spike (issue #13): the edge lists of a DAN's main and skip maps, built in O(V + E + maps) from a
/// <see cref="DanWiringPlan"/>. A "segment" is one (source layer, target vertex) pair of the DAN's
/// function: its own sum, bias and activation. Main segments (source k-1) exist for every vertex of
/// layer k; skip segments with at least one edge are "active"; skip segments without an edge
/// (a skip map's rows that have no connection) contribute act(bias) independently of the batch.
/// </summary>
internal sealed class EdgePlan
{
    public EdgePlan(DanWiringPlan plan)
    {
        Plan = plan;
        var s = plan.Structure;
        L = s.LayerCount;
        Sizes = s.Layers.LayerSizes();
        Start = new int[L + 1];
        for (var k = 0; k < L; k++) Start[k + 1] = Start[k] + Sizes[k];
        V = Start[L];

        // Per source group j (push): segments of group j = main segments into j+1 (n_{j+1}), then active skip segments by target.
        // Per target layer k (pull): segments of layer k = main segments (n_k), then active skip segments by source.
        var groups = Math.Max(0, L - 1);
        var skipsBySource = new List<LayerMap>[groups];
        var skipsByTarget = new List<LayerMap>[L];
        foreach (var m in plan.SkipMaps)
        {
            (skipsBySource[m.SourceLayer] ??= new()).Add(m);
            (skipsByTarget[m.TargetLayer] ??= new()).Add(m);
        }

        // Pull lists, per target layer k >= 1.
        PullSrcGlobal = new long[L][]; PullSeg = new long[L][]; PullSegVertex = new long[L][]; PullSegCount = new int[L];
        PullEdgeCount = new int[L]; PullBiasCount = new int[L];
        var constVertex = new List<long>();
        var mainBiasStart = new int[L];
        var edgeWeightOfMapEdge = new Dictionary<LayerMap, int>();
        // The order of the flat edge weight: by target layer, main map first then skip maps by source (pull order).
        var edgeOrder = new List<(LayerMap Map, int Edge)>();
        var segOfMapRow = new Dictionary<LayerMap, int[]>(); // per skip map: row -> pull segment index in target layer, -1 inactive
        var biasOrderPull = new List<(LayerMap Map, int Row)>(); // active segment biases in pull order
        var constBias = new List<(LayerMap Map, int Row)>();
        for (var k = 1; k < L; k++)
        {
            var main = plan.MainMaps[k - 1];
            var src = new List<long>(); var seg = new List<long>();
            var segVertex = new List<long>();
            for (var i = 0; i < Sizes[k]; i++) { segVertex.Add(i); biasOrderPull.Add((main, i)); }
            for (var e = 0; e < main.Rows.Length; e++)
            {
                src.Add(Start[k - 1] + main.Columns[e]); seg.Add(main.Rows[e]); edgeOrder.Add((main, e));
            }
            foreach (var m in skipsByTarget[k] ?? new())
            {
                var rowSeg = new int[m.OutFeatures];
                Array.Fill(rowSeg, -1);
                for (var e = 0; e < m.Rows.Length; e++)
                {
                    var r = m.Rows[e];
                    if (rowSeg[r] < 0) { rowSeg[r] = segVertex.Count; segVertex.Add(r); biasOrderPull.Add((m, r)); }
                    src.Add(Start[m.SourceLayer] + m.Columns[e]); seg.Add(rowSeg[r]); edgeOrder.Add((m, e));
                }
                for (var r = 0; r < m.OutFeatures; r++)
                {
                    if (rowSeg[r] < 0) { constVertex.Add(Start[k] + r); constBias.Add((m, r)); }
                }
                segOfMapRow[m] = rowSeg;
            }
            PullSrcGlobal[k] = src.ToArray(); PullSeg[k] = seg.ToArray(); PullSegVertex[k] = segVertex.ToArray();
            PullSegCount[k] = segVertex.Count; PullEdgeCount[k] = src.Count; PullBiasCount[k] = segVertex.Count;
        }
        PullSrcGlobal[0] = Array.Empty<long>(); PullSeg[0] = Array.Empty<long>(); PullSegVertex[0] = Array.Empty<long>();
        EdgeOrderPull = edgeOrder.ToArray();
        BiasOrderPull = biasOrderPull.ToArray();
        ConstBias = constBias.ToArray();
        ConstVertex = constVertex.ToArray();
        E = edgeOrder.Count;

        // Push lists, per source group j: local source index, segment in group j; pieces per target.
        PushSrc = new long[groups][]; PushSeg = new long[groups][]; PushSegCount = new int[groups];
        PushPieces = new long[groups][]; PushPieceTarget = new int[groups][];
        PushEdgeIndex = new long[groups][]; PushBiasIndex = new long[groups][];
        // For the push kernel's target side: per layer k, (group, piece) pairs and the vertex of each skip segment, in that order.
        var incoming = new List<(int Group, int Piece)>[L];
        var incomingVertex = new List<long>[L];
        var edgeIndexOf = new Dictionary<(LayerMap, int), int>();
        for (var i = 0; i < EdgeOrderPull.Length; i++) edgeIndexOf[EdgeOrderPull[i]] = i;
        var biasIndexOf = new Dictionary<(LayerMap, int), int>();
        for (var i = 0; i < BiasOrderPull.Length; i++) biasIndexOf[BiasOrderPull[i]] = i;
        for (var j = 0; j < groups; j++)
        {
            var src = new List<long>(); var seg = new List<long>(); var eidx = new List<long>(); var bidx = new List<long>();
            var pieces = new List<long>(); var targets = new List<int>();
            var main = plan.MainMaps[j];
            for (var i = 0; i < Sizes[j + 1]; i++) bidx.Add(biasIndexOf[(main, i)]);
            for (var e = 0; e < main.Rows.Length; e++) { src.Add(main.Columns[e]); seg.Add(main.Rows[e]); eidx.Add(edgeIndexOf[(main, e)]); }
            pieces.Add(Sizes[j + 1]); targets.Add(j + 1);
            var count = Sizes[j + 1];
            foreach (var m in skipsBySource[j] ?? new())
            {
                var rowSeg = segOfMapRow[m];
                var local = new int[m.OutFeatures]; Array.Fill(local, -1);
                var active = 0;
                for (var e = 0; e < m.Rows.Length; e++)
                {
                    var r = m.Rows[e];
                    if (local[r] < 0) { local[r] = count + active++; bidx.Add(biasIndexOf[(m, r)]); (incomingVertex[m.TargetLayer] ??= new()).Add(r); }
                    src.Add(m.Columns[e]); seg.Add(local[r]); eidx.Add(edgeIndexOf[(m, e)]);
                }
                (incoming[m.TargetLayer] ??= new()).Add((j, pieces.Count));
                pieces.Add(active); targets.Add(m.TargetLayer);
                count += active;
            }
            PushSrc[j] = src.ToArray(); PushSeg[j] = seg.ToArray(); PushSegCount[j] = count;
            PushPieces[j] = pieces.ToArray(); PushPieceTarget[j] = targets.ToArray();
            PushEdgeIndex[j] = eidx.ToArray(); PushBiasIndex[j] = bidx.ToArray();
        }
        PushIncoming = Array.ConvertAll(incoming, l => l?.ToArray() ?? Array.Empty<(int, int)>());
        PushIncomingVertex = Array.ConvertAll(incomingVertex, l => l?.ToArray() ?? Array.Empty<long>());
    }

    public DanWiringPlan Plan { get; }
    public int L { get; }
    public int V { get; }
    public int E { get; }
    public int[] Sizes { get; }
    public int[] Start { get; }

    public long[][] PullSrcGlobal { get; }
    public long[][] PullSeg { get; }
    public long[][] PullSegVertex { get; }
    public int[] PullSegCount { get; }
    public int[] PullEdgeCount { get; }
    public int[] PullBiasCount { get; }
    public (LayerMap Map, int Edge)[] EdgeOrderPull { get; }
    public (LayerMap Map, int Row)[] BiasOrderPull { get; }
    public (LayerMap Map, int Row)[] ConstBias { get; }
    public long[] ConstVertex { get; }

    public long[][] PushSrc { get; }
    public long[][] PushSeg { get; }
    public int[] PushSegCount { get; }
    public long[][] PushPieces { get; }
    public int[][] PushPieceTarget { get; }
    public long[][] PushEdgeIndex { get; }
    public long[][] PushBiasIndex { get; }
    public (int Group, int Piece)[][] PushIncoming { get; }
    public long[][] PushIncomingVertex { get; }

    public static Structure Named(string name) => name switch
    {
        "ws1000" => StructureFamilies.WattsStrogatz(1000, 4, 0.5, 1),
        "ws3000" => StructureFamilies.WattsStrogatz(3000, 4, 0.5, 1),
        "ws30000" => StructureFamilies.WattsStrogatz(30000, 4, 0.5, 1),
        "dag5000" => StructureFamilies.RandomDag(5000, 0.008, 1),
        "dag20000" => StructureFamilies.RandomDag(20000, 0.005, 1),
        "ws100" => StructureFamilies.WattsStrogatz(100, 4, 0.5, 1),
        "dag200" => StructureFamilies.RandomDag(200, 0.05, 1),
        _ when name.StartsWith("dag", StringComparison.Ordinal) && name.Contains('@') => StructureFamilies.RandomDag(int.Parse(name[3..name.IndexOf('@')]), double.Parse(name[(name.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 1),
        _ when name.StartsWith("ws", StringComparison.Ordinal) => StructureFamilies.WattsStrogatz(int.Parse(name[2..]), 4, 0.5, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown structure"),
    };
}
