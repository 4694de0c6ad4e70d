using TorchSharp;
using static TorchSharp.torch;

namespace Deepstruct.Benchmarks;

/// <summary>A masked FFN with its initial weights kept, so every benchmark invocation prunes the same unpruned model.</summary>
internal sealed class PrunableModel : IDisposable
{
    private readonly Tensor[] _initial;

    public PrunableModel(int input, int output, int[] hidden, long seed)
    {
        torch.manual_seed(seed);
        Model = new MaskedDeepFfn(input, output, hidden);
        _initial = Model.MaskableLayers().Select(layer => layer.Weight.detach().clone()).ToArray();
    }

    public MaskedDeepFfn Model { get; }

    /// <summary>Every weight back to its initial value and every mask to true.</summary>
    public void Reset()
    {
        using var grad = torch.no_grad();
        var layers = Model.MaskableLayers().ToArray();
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i].Weight.copy_(_initial[i]);
            layers[i].Mask.fill_(true);
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        foreach (var tensor in _initial)
        {
            tensor.Dispose();
        }
    }
}
