using Deepstruct.FashionMnistSample;

namespace Deepstruct.Samples.Tests;

public class NeuronLevelTests
{
    [Fact]
    public void A_network_keeps_the_weights_of_its_consecutive_layer_products() =>
        Assert.Equal(266200, NeuronLevel.NetworkWeights(784, new[] { 300, 100 }, 10));

    [Theory]
    [InlineData(0.5, 53, 159, 53, 133613)]
    [InlineData(0.2, 22, 66, 22, 53416)]
    [InlineData(0.1, 11, 33, 11, 26345)]
    [InlineData(0.05, 6, 18, 6, 14280)]
    [InlineData(0.02, 2, 6, 2, 4736)]
    public void The_neuron_share_is_the_one_whose_network_has_the_weights_closest_to_the_level(double level, int percent, int first, int second, long weights)
    {
        var neurons = NeuronLevel.Closest(level, 784, new[] { 300, 100 }, 10);

        Assert.Equal(new NeuronLevel(level, percent, neurons.Kept, weights), neurons);
        Assert.Equal(new[] { first, second }, neurons.Kept);
        Assert.Equal(400 - first - second, neurons.Pruned(new[] { 300, 100 }));
        var target = level * 266200;
        foreach (var other in new[] { percent - 1, percent + 1 })
        {
            var otherWeights = NeuronLevel.NetworkWeights(784, new[] { 3 * other, other }, 10);
            Assert.True(Math.Abs(weights - target) <= Math.Abs(otherWeights - target), $"{other} %");
        }
    }

    [Fact]
    public void Shares_that_would_split_a_neuron_are_not_considered()
    {
        // With 50 and 30 neurons only multiples of 10 % keep whole neurons in both layers; 37 % is not one.
        var neurons = NeuronLevel.Closest(0.37, 100, new[] { 50, 30 }, 10);

        Assert.Equal(40, neurons.KeptPercent);
        Assert.Equal(new[] { 20, 12 }, neurons.Kept);
        Assert.Equal(2360, neurons.Weights);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void A_level_outside_zero_to_one_is_refused_naming_it(double level) =>
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => NeuronLevel.Closest(level, 784, new[] { 300, 100 }, 10)).ParamName);
}
