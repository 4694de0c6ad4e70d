using System.Diagnostics;
using Deepstruct.Structures;
using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks.EdgeKernels;

/// <summary>
/// Spike (issue #13) command line, one configuration per process so that VmHWM is that configuration's peak:
/// <c>edge facts NAME…</c>, <c>edge verify NAME</c>, <c>edge step NAME KERNEL BATCH THREADS REPS</c> (KERNEL: dense|pull|push|coo),
/// <c>edge crossover THREADS</c>, <c>edge overhead</c>, <c>edge build NAME</c>, <c>edge checklists NAME</c>, <c>edge compact N THREADS</c>.
/// </summary>
internal static class EdgeRunner
{
    public static void Run(string[] args)
    {
        switch (args[0])
        {
            case "facts": foreach (var n in args.Skip(1)) Facts(n); break;
            case "verify": Verify(args[1]); break;
            case "step": Step(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5])); break;
            case "crossover": Crossover(int.Parse(args[1])); break;
            case "overhead": Overhead(); break;
            case "build": FastEdgeLists.Time(args[1]); break;
            case "checklists": CheckLists(args[1]); break;
            case "build-edges": BuildEdges(args[1]); break;
            case "compact": EdgeCompactionRunner.Run(int.Parse(args[1]), int.Parse(args[2])); break;
            case "count":
                foreach (var n in args.Skip(1))
                {
                    using var dan = new MaskedDeepDan(784, 10, EdgePlan.Named(n), new DanOptions { Representation = DanRepresentation.Edges });
                    Console.WriteLine($"COUNT {n}: {dan.EdgeCount} edges, {dan.ParameterCount} parameters (Edges), {dan.LayerCount} layers");
                }

                break;
            default: throw new ArgumentOutOfRangeException(nameof(args), args[0], "unknown command");
        }
    }

    /// <summary>The production build, warm (best of 5): structure given; MaskedDeepDan with Representation = Edges (plan, edge layout, parameters and index tensors, dense input and output maps).</summary>
    private static void BuildEdges(string name)
    {
        var structure = EdgePlan.Named(name);
        var options = new DanOptions { Representation = DanRepresentation.Edges };
        var times = new List<(double Plan, double Layout, double Total)>();
        for (var round = 0; round < 6; round++)
        {
            var sw = Stopwatch.StartNew();
            var plan = DanWiringPlan.Create(structure, 784, 10);
            var tPlan = sw.Elapsed.TotalMilliseconds;
            EdgeDanLayout.Create(plan);
            var tLayout = sw.Elapsed.TotalMilliseconds - tPlan;
            sw.Restart();
            using (new EdgeDanMaps(plan, EdgeDanLayout.Create(plan), new bool[structure.LayerCount], Activation.ReLU, bias: true)) { }
            var tMaps = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            using (new MaskedLinear(784, structure.Layers.SizeOf(0))) { }
            var tInput = sw.Elapsed.TotalMilliseconds;
            if (round > 0) Console.WriteLine($"  layout + EdgeDanMaps {tMaps:F1} ms, dense input map {tInput:F1} ms");
            sw.Restart();
            using var model = new MaskedDeepDan(784, 10, structure, options);
            var total = sw.Elapsed.TotalMilliseconds;
            if (round > 0) times.Add((tPlan, tLayout, total));
        }

        var best = times.MinBy(t => t.Total);
        Console.WriteLine($"BUILD-EDGES {name}: MaskedDeepDan (Edges) {best.Total:F1} ms; plan alone {best.Plan:F1} ms, EdgeDanLayout alone {best.Layout:F1} ms (best of 5 warm), load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static void Facts(string name)
    {
        var sw = Stopwatch.StartNew();
        var s = EdgePlan.Named(name);
        var tStruct = sw.Elapsed.TotalMilliseconds; sw.Restart();
        var plan = DanWiringPlan.Create(s, 784, 10);
        var tPlan = sw.Elapsed.TotalMilliseconds; sw.Restart();
        var ep = new EdgePlan(plan);
        var tEdge = sw.Elapsed.TotalMilliseconds;
        var sizes = ep.Sizes;
        long denseRows = 0, denseWeights = 0;
        var groups = ep.PushSrc.Length;
        var density = new List<double>();
        var groupEdges = new List<int>();
        for (var j = 0; j < groups; j++)
        {
            var r = ep.PushPieceTarget[j].Skip(1).Sum(t => (long)sizes[t]) + sizes[j + 1];
            denseRows += r; denseWeights += r * sizes[j];
            density.Add(ep.PushSrc[j].Length / (double)(r * sizes[j]));
            groupEdges.Add(ep.PushSrc[j].Length);
        }
        // Groups above the measured crossover (~1.5 % at 1 thread): how much of the work they carry.
        long denseEdges = 0, denseEntries = 0; var denseGroups = 0;
        for (var j = 0; j < groups; j++)
        {
            var r = ep.PushPieceTarget[j].Skip(1).Sum(t => (long)sizes[t]) + sizes[j + 1];
            if (density[j] > 0.015) { denseGroups++; denseEdges += groupEdges[j]; denseEntries += r * sizes[j]; }
        }
        var denseLine = $"  groups denser than 1.5 %: {denseGroups} of {groups}, holding {denseEdges:N0} edges ({100.0 * denseEdges / ep.E:F1} %) in {denseEntries:N0} dense entries";
        var activeSegs = ep.PullSegCount.Sum();
        var mainSegs = ep.V - sizes[0];
        var pairEdges = plan.MainMaps.Select(m => m.ConnectionCount).Concat(plan.SkipMaps.Select(m => m.ConnectionCount)).OrderBy(x => x).ToArray();
        string Q<T>(IList<T> sorted) => sorted.Count == 0 ? "-" : $"min {sorted[0]}, median {sorted[sorted.Count / 2]}, p90 {sorted[(int)(sorted.Count * 0.9)]}, max {sorted[^1]}";
        var ls = sizes.OrderBy(x => x).ToArray();
        var ds = density.OrderBy(x => x).Select(d => Math.Round(d, 5)).ToArray();
        var ge = groupEdges.OrderBy(x => x).ToArray();
        var inc = ep.PushIncoming.Select(a => a.Length).OrderBy(x => x).ToArray();
        var outPieces = ep.PushPieces.Select(a => a.Length).OrderBy(x => x).ToArray();
        Console.WriteLine($"## {name}: V {ep.V}, E {ep.E}, layers {ep.L}, main maps {plan.MainMaps.Count}, skip maps {plan.SkipMaps.Count}");
        Console.WriteLine($"  layer sizes: {Q(ls)}; layer 0 (input map) {sizes[0]}, last layer (output map) {sizes[^1]}");
        Console.WriteLine($"  edges per layer pair (map): {Q(pairEdges)}");
        Console.WriteLine($"  edges per source group: {Q(ge)}");
        Console.WriteLine($"  density per source group (edges / dense group entries): {Q(ds)}");
        Console.WriteLine($"  overall density E / dense fused weights: {ep.E / (double)denseWeights:G3}; dense fused weights {denseWeights:N0}; dense rows (bias, segments today) {denseRows:N0}");
        Console.WriteLine($"  segments: active {activeSegs:N0} (main {mainSegs:N0}, skip with edges {activeSegs - mainSegs:N0}); edgeless skip rows {ep.ConstVertex.Length:N0}");
        Console.WriteLine(denseLine);
        Console.WriteLine($"  skip pieces into a layer: {Q(inc)}; pieces out of a group: {Q(outPieces)}");
        Console.WriteLine($"  time: structure {tStruct:F1} ms, DanWiringPlan {tPlan:F1} ms, spike EdgePlan (dictionaries, not O(V+E)-tuned) {tEdge:F1} ms");
    }

    private static void Verify(string name)
    {
        torch.set_num_threads(1);
        torch.manual_seed(3);
        var s = EdgePlan.Named(name);
        using var dan = new MaskedDeepDan(20, 5, s, new DanOptions { Representation = DanRepresentation.Dense });
        var plan = dan.Plan;
        var ep = new EdgePlan(plan);
        // Weights of each map as the dense module holds them.
        var w = new Dictionary<LayerMap, float[]>();
        var b = new Dictionary<LayerMap, float[]>();
        for (var i = 0; i < plan.MainMaps.Count; i++) { w[plan.MainMaps[i]] = dan.MainMaps[i].weight.data<float>().ToArray(); b[plan.MainMaps[i]] = dan.MainMaps[i].bias!.data<float>().ToArray(); }
        for (var i = 0; i < plan.SkipMaps.Count; i++) { w[plan.SkipMaps[i]] = dan.SkipMaps[i].weight.data<float>().ToArray(); b[plan.SkipMaps[i]] = dan.SkipMaps[i].bias!.data<float>().ToArray(); }
        float W(LayerMap m, int e) => w[m][(m.Rows[e] * m.InFeatures) + m.Columns[e]];
        float B(LayerMap m, int r) => b[m][r];
        var x = randn(7, 20);
        var reference = dan.call(x);
        reference.sum().backward();
        var refInGrad = dan.InputMap.weight.grad!.clone();
        var kernels = new (string, EdgeDan)[]
        {
            ("pull", new PullEdgeDan(ep, 20, 5, W, B, dan.InputMap.weight, dan.InputMap.bias, dan.OutputMap.weight, dan.OutputMap.bias)),
            ("push", new PushEdgeDan(ep, 20, 5, false, W, B, dan.InputMap.weight, dan.InputMap.bias, dan.OutputMap.weight, dan.OutputMap.bias)),
            ("coo", new PushEdgeDan(ep, 20, 5, true, W, B, dan.InputMap.weight, dan.InputMap.bias, dan.OutputMap.weight, dan.OutputMap.bias)),
            ("fnT", new FunctionEdgeDan(ep, 20, 5, true, W, B, dan.InputMap.weight, dan.InputMap.bias, dan.OutputMap.weight, dan.OutputMap.bias)),
            ("fn", new FunctionEdgeDan(ep, 20, 5, false, W, B, dan.InputMap.weight, dan.InputMap.bias, dan.OutputMap.weight, dan.OutputMap.bias)),
        };
        Console.WriteLine($"## verify {name}: V {ep.V}, E {ep.E}, layers {ep.L}, edgeless skip rows {ep.ConstVertex.Length}");
        Tensor[]? pullGrads = null;
        foreach (var (kname, k) in kernels)
        {
            var y = k.Forward(x);
            y.sum().backward();
            var inGrad = k.Parameters().First().grad!;
            // Edge weight, segment bias and constant-bias gradients: pull (autograd) against the hand-written backward of fn.
            var missing = string.Join(", ", k.Parameters().Select((q, i) => q.grad is null ? $"parameter {i} has no gradient" : null).Where(t => t is not null));
            if (missing.Length > 0) { Console.WriteLine($"  {kname}: max |Δ output| {(y - reference).abs().max().item<float>():G3}; {missing}"); k.Dispose(); continue; }
            var grads = k.Parameters().Skip(2).Take(3).Select(q => q.grad!.clone()).ToArray();
            pullGrads ??= grads;
            var other = kname is "pull" or "fn" or "fnT" ? string.Join(", ", grads.Zip(pullGrads, (u, v) => (u - v).abs().max().item<float>().ToString("G3"))) : "-";
            Console.WriteLine($"  {kname}: max |Δ output| {(y - reference).abs().max().item<float>():G3}, max |Δ input-map grad| {(inGrad - refInGrad).abs().max().item<float>():G3}, max |Δ w, b, const-b grads vs pull| {other}");
            k.Dispose();
        }
    }

    private static EdgeDan Create(string kernel, EdgePlan ep) => kernel switch
    {
        "pull" => new PullEdgeDan(ep, 784, 10),
        "push" => new PushEdgeDan(ep, 784, 10, false),
        "coo" => new PushEdgeDan(ep, 784, 10, true),
        "fn" => new FunctionEdgeDan(ep, 784, 10),
        "fnT" => new FunctionEdgeDan(ep, 784, 10, vertexMajor: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "unknown kernel"),
    };

    private static void Step(string name, string kernel, int batch, int threads, int reps)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        var s = EdgePlan.Named(name);
        var sw = Stopwatch.StartNew();
        Func<Tensor, Tensor> forward;
        IEnumerable<TorchSharp.Modules.Parameter> parameters;
        IDisposable model;
        if (kernel is "edges" or "dense")
        {
            // The production DAN (#13): its maps per edge (EdgeDanMaps) or dense fused.
            var dan = new MaskedDeepDan(784, 10, s, new DanOptions { Representation = kernel == "edges" ? DanRepresentation.Edges : DanRepresentation.Dense });
            forward = dan.call; parameters = dan.parameters(); model = dan;
        }
        else
        {
            var ep = new EdgePlan(DanWiringPlan.Create(s, 784, 10));
            var dan = Create(kernel, ep);
            forward = dan.Forward; parameters = dan.Parameters(); model = dan;
        }
        var build = sw.Elapsed.TotalMilliseconds;
        var hwmBuild = Hwm();
        using var opt = optim.SGD(parameters, 0.01);
        var x = randn(batch, 784);
        var labels = randint(0, 10, new long[] { batch });
        var times = new List<double>();
        for (var r = 0; r < reps + 1; r++)
        {
            sw.Restart();
            using (var scope = NewDisposeScope())
            {
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(forward(x), labels);
                loss.backward();
                opt.step();
            }
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var steady = times.Skip(1).OrderBy(t => t).ToArray();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.WriteLine($"RESULT {name} {kernel} batch {batch} threads {threads}: build {build:F1} ms, first step {times[0]:F1} ms, steps min {steady[0]:F1} median {steady[steady.Length / 2]:F1} ms (n {steady.Length}), VmHWM after build {hwmBuild} MB, peak {Hwm()} MB, load {load}");
        model.Dispose();
    }

    /// <summary>The fixed cost of one TorchSharp call on tiny tensors (no autograd): what a layer pays per op whatever its size.</summary>
    private static void Overhead()
    {
        torch.set_num_threads(1);
        var one = 1.0f.ToScalar();
        using var h = zeros(8, 64);
        using var idx = tensor(new long[] { 1, 3, 5 });
        using var src = ones(8, 3);
        double Per(Action a) { for (var i = 0; i < 2000; i++) a(); var best = double.MaxValue; for (var r = 0; r < 5; r++) { var t = Stopwatch.StartNew(); for (var i = 0; i < 20000; i++) a(); best = Math.Min(best, t.Elapsed.TotalMilliseconds * 1000 / 20000); } return best; }
        var narrow = Per(() => { using var v = h.narrow(1, 0, 4); });
        var indexAdd = Per(() => h.index_add_(1, idx, src, one));
        var indexSelect = Per(() => { using var g = h.index_select(1, idx); });
        var withScope = Per(() => { using var s = NewDisposeScope(); var g = h.index_select(1, idx); });
        using var x = randn(8, 4).requires_grad_(true);
        var autogradOp = Per(() => { using var s = NewDisposeScope(); var y = x.mul(x); });
        Console.WriteLine($"OVERHEAD µs per call (1 thread, tiny tensors): narrow {narrow:F2}, index_add_ {indexAdd:F2}, index_select {indexSelect:F2}, index_select in a dispose scope {withScope:F2}, autograd mul (graph recorded) {autogradOp:F2}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    /// <summary>The array-built lists equal the spike plan's.</summary>
    private static void CheckLists(string name)
    {
        var plan = DanWiringPlan.Create(EdgePlan.Named(name), 784, 10);
        var ep = new EdgePlan(plan);
        var f = FastEdgeLists.Build(plan);
        var same = f.Src.SequenceEqual(ep.PullSrcGlobal.SelectMany(a => a)) && f.Seg.SequenceEqual(ep.PullSeg.SelectMany(a => a))
            && f.SegVertex.SequenceEqual(ep.PullSegVertex.SelectMany(a => a)) && f.ConstVertex.SequenceEqual(ep.ConstVertex);
        Console.WriteLine($"CHECKLISTS {name}: array lists equal EdgePlan's: {same}");
    }

    private static long Hwm() =>
        long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    /// <summary>One source-layer group: n source vertices, R rows, batch 256; edge gather–multiply–scatter vs. dense masked linear, forward + backward.</summary>
    private static void Crossover(int threads)
    {
        torch.set_num_threads(threads);
        const int n = 1000, rows = 1000, batch = 256;
        var one = 1.0f.ToScalar();
        foreach (var density in new[] { 0.001, 0.004, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5 })
        {
            var edges = (int)(n * rows * density);
            var rnd = new Random(1);
            var pos = Enumerable.Range(0, n * rows).OrderBy(_ => rnd.Next()).Take(edges).OrderBy(p => p).ToArray();
            using var src = tensor(pos.Select(p => (long)(p % n)).ToArray());
            using var seg = tensor(pos.Select(p => (long)(p / n)).ToArray());
            using var w = randn(edges).requires_grad_(true);
            using var dw = zeros(rows, n);
            using var mask = zeros(rows, n);
            using (no_grad()) { dw.view(-1).index_copy_(0, tensor(pos.Select(p => (long)p).ToArray()), w); mask.view(-1).index_fill_(0, tensor(pos.Select(p => (long)p).ToArray()), 1.0); }
            dw.requires_grad_(true);
            using var x = randn(batch, n).requires_grad_(true);
            double Time(Action a) { var best = double.MaxValue; for (var r = 0; r < 7; r++) { var t = Stopwatch.StartNew(); using (NewDisposeScope()) a(); best = Math.Min(best, t.Elapsed.TotalMilliseconds); } return best; }
            var edge = Time(() => { var z = zeros(batch, rows).index_add(1, seg, x.index_select(1, src).mul(w), one); z.sum().backward(); });
            var dense = Time(() => { var z = nn.functional.linear(x, dw.mul(mask)); z.sum().backward(); });
            // Vertex-major (the recommended layout): x as [n, batch], gathers and scatters of contiguous rows; weights get their gradient.
            using var xt = randn(n, batch).requires_grad_(true);
            var edgeT = Time(() => { var z = zeros(rows, batch).index_add(0, seg, xt.index_select(0, src).mul(w.unsqueeze(1)), one); z.sum().backward(); });
            var coo = Time(() => { var z = sparse_coo_tensor(stack(new[] { seg, src }), w, new long[] { rows, n }).mm(x.t()).t(); z.sum().backward(); });
            Console.WriteLine($"CROSSOVER threads {threads} density {density}: edges {edges}, edge kernel batch-major {edge:F2} ms, vertex-major {edgeT:F2} ms, dense masked {dense:F2} ms, coo (no weight gradient) {coo:F2} ms, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
    }
}
