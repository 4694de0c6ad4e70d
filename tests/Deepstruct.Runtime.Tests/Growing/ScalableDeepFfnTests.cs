using TorchSharp;

namespace Deepstruct.Runtime.Tests.Growing;

public class ScalableDeepFfnTests
{
    [Fact]
    public void Draw_scales_rounded_proportions_and_floors()
    {
        var family = new ScalableDeepFfn(new[] { 0.504, 0.3, 0.196 });

        Assert.Equal(new[] { 0.5, 0.3, 0.2 }, family.Proportions);
        Assert.Equal(new[] { 50, 30, 20 }, family.Draw(100));
        Assert.Equal(new[] { 3, 2, 1 }, family.Draw(7));
        Assert.Equal(new[] { 1, 1, 1 }, family.Draw(1));
        Assert.Equal("[50, 30, 20]", family.ToString());
    }

    [Fact]
    public void Build_gives_a_masked_ffn_with_the_drawn_sizes()
    {
        var family = new ScalableDeepFfn(new[] { 0.75, 0.25 });

        using var model = family.Build(10, 3, 40);

        Assert.Equal(new[] { new long[] { 30, 10 }, new long[] { 10, 30 }, new long[] { 3, 10 } }, model.MaskableLayers().Select(l => l.Mask.shape));
        using var shaped = family.Build(new long[] { 2, 5 }, 3, 40);
        using var output = shaped.call(torch.randn(4, 2, 5));
        Assert.Equal(new long[] { 4, 3 }, output.shape);
    }

    [Fact]
    public void Similar_families_have_a_small_divergence()
    {
        var a = new ScalableDeepFfn(new[] { 0.5, 0.5 });
        var b = new ScalableDeepFfn(new[] { 0.55, 0.45 });
        var c = new ScalableDeepFfn(new[] { 0.5, 0.3, 0.2 });

        Assert.Equal(0, a.EntropySimilarity(a), 12);
        Assert.Equal((0.5 * Math.Log(0.5 / 0.55)) + (0.5 * Math.Log(0.5 / 0.45)), a.EntropySimilarity(b), 12);
        Assert.True(a.IsSimilarTo(b));
        Assert.True(double.IsPositiveInfinity(c.EntropySimilarity(a)));
        Assert.False(c.IsSimilarTo(a));
    }

    [Fact]
    public void Bad_input_is_refused_naming_it()
    {
        Assert.Equal("proportions", Assert.Throws<ArgumentException>(() => new ScalableDeepFfn(Array.Empty<double>())).ParamName);
        Assert.Contains("sum to 1", Assert.Throws<ArgumentException>(() => new ScalableDeepFfn(new[] { 0.5, 0.4 })).Message);
        Assert.Equal(1.5, Assert.Throws<ArgumentOutOfRangeException>(() => new ScalableDeepFfn(new[] { 1.5, -0.5 })).ActualValue);
        var family = new ScalableDeepFfn(new[] { 1.0 });
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => family.Draw(0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => family.Precision = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => family.EntropySimilarityEpsilon = 0);
    }
}
