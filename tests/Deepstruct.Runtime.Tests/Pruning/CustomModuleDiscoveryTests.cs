using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>Masked weights are found inside modules the user composes, bare recurrent layers included.</summary>
public class CustomModuleDiscoveryTests
{
    private sealed class Composite : nn.Module<Tensor, Tensor>
    {
        private readonly MaskedGruLayer gru;
        private readonly MaskedLinear head;

        public Composite()
            : base(nameof(Composite))
        {
            gru = new MaskedGruLayer(3, 4);
            head = new MaskedLinear(4, 2);
            RegisterComponents();
        }

        public MaskedGruLayer Gru => gru;

        public MaskedLinear Head => head;

        public override Tensor forward(Tensor input) => head.call(gru.Unfold(input)[-1]);
    }

    [Fact]
    public void A_bare_recurrent_layer_in_a_custom_module_contributes_both_its_weights()
    {
        using var model = new Composite();

        var found = MaskedWeights.Of(model);

        Assert.Equal(3, found.Count);
        Assert.Same(model.Gru.InputToHidden, found[0]);
        Assert.Same(model.Gru.HiddenToHidden, found[1]);
        Assert.Same(model.Head, found[2]);
        Assert.Equal(["gru.weight_ih", "gru.weight_hh", "head"], MaskedWeights.Names(model, found));
    }

    [Fact]
    public void Global_pruning_reaches_the_recurrent_weights_of_a_custom_module()
    {
        torch.manual_seed(3);
        using var model = new Composite();
        const long total = (3 * 4 * 3) + (3 * 4 * 4) + (2 * 4);

        var result = Deepstruct.Pruning.PruneNetworkBySaliency(model, 50.0);

        Assert.Equal(total / 2, result.Pruned);
        var masked = MaskedWeights.Of(model).Sum(layer => layer.Mask.logical_not().sum().item<long>());
        Assert.Equal(total / 2, masked);
        Assert.True(model.Gru.InputToHidden.Mask.logical_not().sum().item<long>() > 0);
    }
}
