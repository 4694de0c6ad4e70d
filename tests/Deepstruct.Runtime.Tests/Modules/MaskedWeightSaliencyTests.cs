using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Modules;

/// <summary>Every kind of masked weight keeps its saliency alike: a linear layer, a DAN's map view, a recurrent weight.</summary>
public class MaskedWeightSaliencyTests
{
    public static TheoryData<string> Kinds => new() { "linear", "dan map", "recurrent" };

    private static (nn.Module Owner, IMaskedWeight Weight) Create(string kind)
    {
        switch (kind)
        {
            case "linear":
                var linear = new MaskedLinear(3, 2);
                return (linear, linear);
            case "dan map":
                var dan = new MaskedDeepDan(5, 2, Training.TrainingTests.ThreeLayers());
                return (dan, dan.MainMaps[0]);
            default:
                var gru = new MaskedGruLayer(3, 2);
                return (gru, gru.HiddenToHidden);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_saliency_is_the_weight_magnitude_until_set_and_a_set_one_follows_to_float64(string kind)
    {
        torch.manual_seed(12);
        var (owner, weight) = Create(kind);
        using var _ = owner;
        using (var saliency = weight.Saliency!)
        using (var magnitude = weight.Weight.abs())
        {
            TensorAssert.Identical(magnitude, saliency);
            Assert.False(saliency.requires_grad);
        }

        using var custom = torch.rand(weight.Weight.shape);
        using var expected = custom.clone();
        weight.Saliency = custom;
        custom.zero_();
        using (var stored = weight.Saliency!)
        {
            TensorAssert.Identical(expected, stored);
        }

        owner.to(ScalarType.Float64);
        using (var saliency = weight.Saliency!)
        using (var wide = expected.to(ScalarType.Float64))
        {
            TensorAssert.Identical(wide, saliency);
        }

        weight.Saliency = null;
        using (var saliency = weight.Saliency!)
        using (var magnitude = weight.Weight.abs())
        {
            TensorAssert.Identical(magnitude, saliency);
        }

        using var wrong = torch.zeros(7, 1);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => weight.Saliency = wrong).ParamName);
    }
}
