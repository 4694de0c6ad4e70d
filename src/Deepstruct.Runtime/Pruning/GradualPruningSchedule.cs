using System;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// Gradual pruning (Zhu &amp; Gupta 2017, "To prune, or not to prune"): a training loop calls
/// <see cref="Step"/> every step; every <see cref="Frequency"/> steps from <see cref="StartStep"/>
/// to <see cref="EndStep"/> it prunes up to the sparsity the curve gives for that step.
/// </summary>
/// <remarks>
/// Sparsity is the fraction of the weights present at the first pruning step that are masked, so a
/// model that starts sparse by structure (a <see cref="MaskedDeepDan"/>) is pruned on top of its
/// structure. Each pruning step masks exactly ⌊s·N₀⌋ minus those already masked since (never
/// unmasking), globally or per layer, with the order and tie-breaking of <see cref="Pruning"/>.
/// </remarks>
public sealed class GradualPruningSchedule
{
    private readonly SaliencySource? _saliency;
    private readonly LayerSelection? _layers;
    private long[]? _baseline;

    /// <summary>Creates the schedule.</summary>
    /// <param name="initialSparsity">The sparsity at <paramref name="startStep"/>, in [0, 1].</param>
    /// <param name="finalSparsity">The sparsity from <paramref name="endStep"/> on, in [<paramref name="initialSparsity"/>, 1].</param>
    /// <param name="startStep">The first pruning step (≥ 0).</param>
    /// <param name="endStep">The last pruning step (≥ <paramref name="startStep"/>).</param>
    /// <param name="frequency">Steps between pruning steps (≥ 1); the end step always prunes.</param>
    /// <param name="curve">Cubic (AGP, default) or linear.</param>
    /// <param name="global">Whether to prune across layers together (default) or each layer to the same sparsity.</param>
    /// <param name="saliency">The saliency source for each pruning step; <see langword="null"/> for the stored saliencies (|w|).</param>
    /// <param name="layers">Which layers are pruned; <see langword="null"/> for all.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sparsity, step or frequency is out of range.</exception>
    public GradualPruningSchedule(double initialSparsity, double finalSparsity, long startStep, long endStep, long frequency = 1, SparsityCurve curve = SparsityCurve.Cubic, bool global = true, SaliencySource? saliency = null, LayerSelection? layers = null)
    {
        if (!(initialSparsity >= 0 && initialSparsity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(initialSparsity), initialSparsity, Invariant($"initialSparsity must lie in [0, 1], but was {initialSparsity}."));
        }

        if (!(finalSparsity >= initialSparsity && finalSparsity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(finalSparsity), finalSparsity, Invariant($"finalSparsity must lie in [initialSparsity = {initialSparsity}, 1], but was {finalSparsity}."));
        }

        if (startStep < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startStep), startStep, Invariant($"startStep must be ≥ 0, but was {startStep}."));
        }

        if (endStep < startStep)
        {
            throw new ArgumentOutOfRangeException(nameof(endStep), endStep, Invariant($"endStep must be ≥ startStep = {startStep}, but was {endStep}."));
        }

        if (frequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, Invariant($"frequency must be ≥ 1, but was {frequency}."));
        }

        if (curve is not (SparsityCurve.Cubic or SparsityCurve.Linear))
        {
            throw new ArgumentOutOfRangeException(nameof(curve), curve, $"Unknown sparsity curve {curve}.");
        }

        InitialSparsity = initialSparsity;
        FinalSparsity = finalSparsity;
        StartStep = startStep;
        EndStep = endStep;
        Frequency = frequency;
        Curve = curve;
        Global = global;
        _saliency = saliency;
        _layers = layers;
    }

    /// <summary>The sparsity at <see cref="StartStep"/>.</summary>
    public double InitialSparsity { get; }

    /// <summary>The sparsity from <see cref="EndStep"/> on.</summary>
    public double FinalSparsity { get; }

    /// <summary>The first pruning step.</summary>
    public long StartStep { get; }

    /// <summary>The last pruning step.</summary>
    public long EndStep { get; }

    /// <summary>Steps between pruning steps.</summary>
    public long Frequency { get; }

    /// <summary>The curve from initial to final sparsity.</summary>
    public SparsityCurve Curve { get; }

    /// <summary>Whether layers are pruned together or each to the same sparsity.</summary>
    public bool Global { get; }

    /// <summary>The sparsity the schedule asks for at <paramref name="step"/>: 0 before the start, final after the end.</summary>
    public double TargetSparsity(long step)
    {
        if (step < StartStep)
        {
            return 0;
        }

        if (step >= EndStep)
        {
            return FinalSparsity;
        }

        var progress = (double)(step - StartStep) / (EndStep - StartStep);
        return Curve == SparsityCurve.Linear
            ? InitialSparsity + ((FinalSparsity - InitialSparsity) * progress)
            : FinalSparsity + ((InitialSparsity - FinalSparsity) * Math.Pow(1 - progress, 3));
    }

    /// <summary>Whether <see cref="Step"/> prunes at <paramref name="step"/>.</summary>
    public bool IsPruningStep(long step) =>
        step >= StartStep && step <= EndStep && ((step - StartStep) % Frequency == 0 || step == EndStep);

    /// <summary>
    /// Call once per training step (after the optimizer's step): at a pruning step, masks weights
    /// up to <see cref="TargetSparsity"/>; otherwise does nothing.
    /// </summary>
    /// <returns>What was pruned, or <see langword="null"/> when <paramref name="step"/> is not a pruning step.</returns>
    /// <exception cref="ArgumentException">The model has no maskable layer (or, after the first pruning step, a different number).</exception>
    public PruningResult? Step(nn.Module model, long step)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!IsPruningStep(step))
        {
            return null;
        }

        var layers = Pruning.Select(model, _layers);
        var present = layers.Select(layer => layer.WeightCount).ToArray();
        _baseline ??= present;
        if (_baseline.Length != present.Length)
        {
            throw new ArgumentException($"The schedule started on {_baseline.Length} layer(s), but the model now has {present.Length}.", nameof(model));
        }

        var target = TargetSparsity(step);
        if (Global)
        {
            var goal = MaskedGoal(target, _baseline.Sum());
            var already = _baseline.Sum() - present.Sum();
            return Pruning.PruneNetworkBySaliency(layers, Math.Max(0, goal - already), PruningStrategy.Absolute, _saliency);
        }

        // Per layer: each layer reaches the target on its own baseline. Saliencies are computed once
        // for all layers, since a source such as optimal brain damage costs a pass over the data.
        var saliencies = (_saliency ?? SaliencySource.Stored).Compute(layers);
        try
        {
            var pruned = new long[layers.Count];
            for (var i = 0; i < layers.Count; i++)
            {
                var count = Math.Max(0, MaskedGoal(target, _baseline[i]) - (_baseline[i] - present[i]));
                pruned[i] = Pruning.PruneNetworkBySaliency(new[] { layers[i] }, count, PruningStrategy.Absolute, SaliencySource.PerLayer(new[] { saliencies[i] })).Pruned;
            }

            return new PruningResult(layers, present, pruned);
        }
        finally
        {
            foreach (var saliency in saliencies)
            {
                saliency.Dispose();
            }
        }
    }

    /// <summary>Forgets the weight counts recorded at the first pruning step, so the schedule can start over on another model.</summary>
    public void Reset() => _baseline = null;

    private static long MaskedGoal(double sparsity, long baseline) =>
        (long)decimal.Floor((decimal)sparsity * baseline);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
