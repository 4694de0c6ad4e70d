using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>
/// |Σₙ aₙ·∂L/∂aₙ| per batch, summed over batches. A neuron's output reaches the loss only through its
/// outgoing weights, so Σₙ aₙ·∂L/∂aₙ = Σ over its outgoing weights of w·∂L/∂w: no hook into the
/// forward pass is needed, and any model the graph reads works as it is.
/// </summary>
internal sealed class TaylorNeuronSaliency : NeuronSaliency
{
    private readonly IEnumerable<(Tensor Input, Tensor Target)> _batches;
    private readonly Func<Tensor, Tensor, Tensor> _loss;

    public TaylorNeuronSaliency(IEnumerable<(Tensor Input, Tensor Target)> batches, Func<Tensor, Tensor, Tensor> loss)
    {
        _batches = batches;
        _loss = loss;
    }

    // The errors name "saliency", the parameter of NeuronPruning.Prune that carries the batches.
#pragma warning disable CA2208
    internal override Tensor[] Compute(nn.Module model, NeuronGraph graph)
    {
        if (model is not nn.Module<Tensor, Tensor> callable)
        {
            throw new ArgumentException($"Taylor saliency runs the model, but {graph.Model} is not a module of one tensor.", "saliency");
        }

        var totals = new Tensor[graph.GroupSizes.Count];
        for (var g = 0; g < totals.Length; g++)
        {
            totals[g] = zeros(graph.GroupSizes[g], dtype: ScalarType.Float64);
        }

        var batches = 0;
        using (enable_grad())
        {
            foreach (var (input, target) in _batches)
            {
                model.zero_grad();
                using (var scope = NewDisposeScope())
                {
                    var loss = _loss(callable.call(input), target);
                    if (loss.NumberOfElements != 1)
                    {
                        throw new ArgumentException($"The loss must be a scalar, but has shape {MaskedLinear.Describe(loss.shape)}.", "saliency");
                    }

                    loss.backward();
                    using (no_grad())
                    {
                        var sums = new Tensor[totals.Length];
                        foreach (var map in graph.Maps)
                        {
                            if (map.Source < 0 || Gradient(map.Layer) is not { } gradient)
                            {
                                continue;
                            }

                            var products = map.Layer.Weight.to(ScalarType.Float64, CPU).mul(gradient.to(ScalarType.Float64, CPU)).sum(0L);
                            sums[map.Source] = sums[map.Source] is { } sum ? sum.add(products) : products;
                        }

                        for (var g = 0; g < totals.Length; g++)
                        {
                            if (sums[g] is { } sum)
                            {
                                totals[g].add_(sum.abs());
                            }
                        }
                    }
                }

                batches++;
            }

            model.zero_grad();
        }

        if (batches == 0)
        {
            throw new ArgumentException("Taylor saliency needs at least one batch, but none was given.", "saliency");
        }

        return totals;
    }
#pragma warning restore CA2208

    public override string ToString() => "first-order Taylor";

    private static Tensor? Gradient(IMaskedWeight layer) => layer switch
    {
        MaskedLinear linear => linear.weight.grad,
        MaskedMapView view => view.grad,
        _ => null,
    };
}
