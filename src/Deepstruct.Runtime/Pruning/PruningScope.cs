namespace Deepstruct;

/// <summary>Whether neuron pruning ranks all layers' neurons together or each layer's on its own.</summary>
public enum PruningScope
{
    /// <summary>All candidates of all layers ranked together (as <see cref="Pruning.PruneNetworkBySaliency(TorchSharp.torch.nn.Module, double, PruningStrategy, SaliencySource?, LayerSelection?)"/>).</summary>
    Global,

    /// <summary>Each layer loses its own share (as <see cref="Pruning.PruneLayerBySaliency(TorchSharp.torch.nn.Module, double, PruningStrategy, SaliencySource?, LayerSelection?)"/>).</summary>
    PerLayer,
}
