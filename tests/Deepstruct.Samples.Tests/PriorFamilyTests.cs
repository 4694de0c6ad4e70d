using Deepstruct.FashionMnistSample;
using Deepstruct.Graphs;

namespace Deepstruct.Samples.Tests;

public class PriorFamilyTests
{
    [Theory]
    [InlineData(5324)]
    [InlineData(26620)]
    public void The_matched_scale_gives_the_weight_count_closest_to_the_target(long target)
    {
        foreach (var family in PriorFamily.All)
        {
            var grower = new ScalableDan(LayeredGraph.FromStructure(family.BaseGraph(1)));

            var (scale, weights) = PriorFamily.MatchScale(grower, target, 784, 10);

            Assert.Equal(weights, PriorFamily.Weights(grower, scale, 784, 10));
            Assert.True(Math.Abs(weights - target) <= Math.Abs(PriorFamily.Weights(grower, scale + 1, 784, 10) - target), family.Method);
            Assert.True(scale == 1 || Math.Abs(weights - target) <= Math.Abs(PriorFamily.Weights(grower, scale - 1, 784, 10) - target), family.Method);
            using var model = grower.Build(784, 10, scale);
            Assert.Equal(weights, Pruning.UnmaskedWeightCount(model));
        }
    }
}
