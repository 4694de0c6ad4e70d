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
                            if (map.Source < 0 || Products(map.Layer) is not { } products)
                            {
                                continue;
                            }

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

    /// <summary>
    /// Per column of the map (a neuron of its source), Σ w·∂L/∂w over its weights, in double on the CPU, or
    /// <see langword="null"/> before a backward pass. A map stored per edge sums its edges (O(edges)), not a dense copy.
    /// </summary>
    private static Tensor? Products(IMaskedWeight layer)
    {
        if (layer is MaskedMapView { Edges: { } edges } view)
        {
            if (((IParameterSlice)edges).Parameter.grad is not { } whole)
            {
                return null;
            }

            var products = edges.Weight.to(ScalarType.Float64, CPU).mul(edges.SliceOf(whole).to(ScalarType.Float64, CPU));
            var indices = new long[edges.Map.Columns.Length];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = edges.Map.Columns[i];
            }

            using var columns = tensor(indices);
            return zeros(view.InFeatures, dtype: ScalarType.Float64).index_add_(0, columns, products, TorchScalars.One);
        }

        Tensor? gradient = layer switch
        {
            MaskedLinear linear => linear.weight.grad,
            MaskedMapView dense => dense.grad,
            _ => null,
        };
        return gradient is null ? null : layer.Weight.to(ScalarType.Float64, CPU).mul(gradient.to(ScalarType.Float64, CPU)).sum(0L);
    }
}
