using TorchSharp;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>The AGP schedule: its curve, its pruning steps and the exact sparsity it reaches.</summary>
public class GradualPruningScheduleTests
{
    [Fact]
    public void The_cubic_curve_is_Zhu_and_Gupta_s()
    {
        var schedule = new GradualPruningSchedule(0.1, 0.9, startStep: 100, endStep: 200, frequency: 10);

        Assert.Equal(0, schedule.TargetSparsity(99));
        Assert.Equal(0.1, schedule.TargetSparsity(100), 12);
        Assert.Equal(0.9 + ((0.1 - 0.9) * Math.Pow(0.5, 3)), schedule.TargetSparsity(150), 12);
        Assert.Equal(0.9, schedule.TargetSparsity(200), 12);
        Assert.Equal(0.9, schedule.TargetSparsity(10_000), 12);
    }

    [Fact]
    public void The_linear_curve_is_a_straight_line()
    {
        var schedule = new GradualPruningSchedule(0.2, 0.6, startStep: 0, endStep: 40, curve: SparsityCurve.Linear);
        Assert.Equal(0.2, schedule.TargetSparsity(0), 12);
        Assert.Equal(0.3, schedule.TargetSparsity(10), 12);
        Assert.Equal(0.6, schedule.TargetSparsity(40), 12);
    }

    [Fact]
    public void Pruning_steps_are_every_frequency_steps_and_the_end()
    {
        var schedule = new GradualPruningSchedule(0, 0.5, startStep: 5, endStep: 27, frequency: 10);
        var steps = Enumerable.Range(0, 40).Where(s => schedule.IsPruningStep(s)).ToArray();
        Assert.Equal(new[] { 5, 15, 25, 27 }, steps);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Called_every_step_it_reaches_exactly_the_target_and_never_unmasks(bool global)
    {
        torch.manual_seed(61);
        using var model = new MaskedDeepFfn(10, 5, new[] { 10 }); // 100 + 50 weights
        var layers = model.MaskableLayers().ToArray();
        var schedule = new GradualPruningSchedule(0.0, 0.8, startStep: 0, endStep: 30, frequency: 5, global: global);
        var previous = layers.Select(l => l.Mask.clone()).ToArray();

        for (var step = 0; step <= 40; step++)
        {
            var result = schedule.Step(model, step);
            Assert.Equal(schedule.IsPruningStep(step), result is not null);
            var target = schedule.TargetSparsity(step);
            if (global)
            {
                Assert.True(PlantedSaliency.Unmasked(layers) == 150 - (long)Math.Floor((decimal)target * 150) || !schedule.IsPruningStep(step));
            }
            else if (schedule.IsPruningStep(step))
            {
                Assert.Equal(100 - (long)Math.Floor((decimal)target * 100), PlantedSaliency.Count(layers[0].Mask, true));
                Assert.Equal(50 - (long)Math.Floor((decimal)target * 50), PlantedSaliency.Count(layers[1].Mask, true));
            }

            for (var l = 0; l < layers.Length; l++)
            {
                using var regrown = layers[l].Mask.logical_and(previous[l].logical_not());
                Assert.False(regrown.any().item<bool>());
                previous[l] = layers[l].Mask.clone();
            }
        }

        Assert.Equal(30, PlantedSaliency.Unmasked(layers));
    }

    [Fact]
    public void Sparsity_is_counted_on_the_weights_present_when_the_schedule_starts()
    {
        torch.manual_seed(62);
        using var model = new MaskedDeepFfn(10, 5, new[] { 10 });
        Deepstruct.Pruning.PruneNetworkBySaliency(model, 50); // 75 left, e.g. a structure's sparsity
        var schedule = new GradualPruningSchedule(0.0, 0.6, startStep: 0, endStep: 0);

        schedule.Step(model, 0);

        Assert.Equal(30, PlantedSaliency.Unmasked(model.MaskableLayers()));
    }
}
