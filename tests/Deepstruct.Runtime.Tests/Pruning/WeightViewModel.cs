using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Pruning;

/// <summary>
/// A model whose masked weights are views rather than modules, as the masked recurrent layers expose
/// their input-to-hidden and hidden-to-hidden weights: pruning must reach them all the same.
/// </summary>
internal sealed class WeightViewModel : MaskableModule
{
    private readonly Parameter weight_ih;
    private readonly Parameter weight_hh;
    private readonly Tensor mask_ih;
    private readonly Tensor mask_hh;

    public WeightViewModel()
        : base(nameof(WeightViewModel))
    {
        weight_ih = new Parameter(torch.randn(6, 3)).DetachFromDisposeScope() as Parameter ?? throw new InvalidOperationException();
        weight_hh = new Parameter(torch.randn(6, 2)).DetachFromDisposeScope() as Parameter ?? throw new InvalidOperationException();
        mask_ih = torch.ones(6, 3, dtype: ScalarType.Bool).DetachFromDisposeScope();
        mask_hh = torch.ones(6, 2, dtype: ScalarType.Bool).DetachFromDisposeScope();
        RegisterComponents();
        InputToHidden = new View(() => weight_ih, () => mask_ih);
        HiddenToHidden = new View(() => weight_hh, () => mask_hh);
    }

    public IMaskedWeight InputToHidden { get; }

    public IMaskedWeight HiddenToHidden { get; }

    public override IEnumerable<IMaskedWeight> MaskableLayers()
    {
        yield return InputToHidden;
        yield return HiddenToHidden;
    }

    public override Tensor forward(Tensor input) => input;

    private sealed class View : IMaskedWeight
    {
        private readonly Func<Parameter> _weight;
        private readonly Func<Tensor> _mask;

        public View(Func<Parameter> weight, Func<Tensor> mask)
        {
            _weight = weight;
            _mask = mask;
        }

        public Tensor Weight => _weight();

        public Tensor Mask
        {
            get => _mask();
            set
            {
                using var grad = torch.no_grad();
                _mask().copy_(value);
            }
        }

        public Tensor? Saliency
        {
            get => _weight().detach().abs();
            set { }
        }

        public long WeightCount => _mask().count_nonzero().item<long>();

        public void ApplyMask()
        {
            using var grad = torch.no_grad();
            using var masked = _mask().logical_not();
            _weight().masked_fill_(masked, 0);
        }

        public void RecomputeMask(double theta = 0.001)
        {
            using var grad = torch.no_grad();
            using var kept = _weight().abs().ge(theta);
            _mask().copy_(kept);
        }
    }
}
