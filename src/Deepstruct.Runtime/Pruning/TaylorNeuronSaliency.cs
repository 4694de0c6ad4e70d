using System;
using System.Collections.Generic;
using System.Linq;
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
    internal override Tensor[] Compute(nn.Module model, NeuronGraph graph, UnmaskedEntries[] entries)
    {
        if (model is not nn.Module<Tensor, Tensor> callable)
        {
            throw new ArgumentException($"Taylor saliency runs the model, but {graph.Model} is not a module of one tensor.", "saliency");
        }

        var totals = graph.GroupSizes.Select(size => new double[size]).ToArray();
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
                        var sums = Sums(graph);
                        for (var g = 0; g < totals.Length; g++)
                        {
                            for (var v = 0; v < totals[g].Length; v++)
                            {
                                totals[g][v] += Math.Abs(sums[g][v]);
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

        return totals.Select(total => tensor(total, dtype: ScalarType.Float64)).ToArray();
    }
#pragma warning restore CA2208

    public override string ToString() => "first-order Taylor";

    /// <summary>
    /// Per group and neuron, Σ w·∂L/∂w over its outgoing weights (its columns in the maps reading it) after one
    /// backward pass, in double. A dense map sums its columns; the maps of a DAN stored per edge read the products
    /// of all its edges at once and add them edge by edge (O(edges)), not through dense copies.
    /// </summary>
    private static double[][] Sums(NeuronGraph graph)
    {
        var sums = graph.GroupSizes.Select(size => new double[size]).ToArray();
        var edgeProducts = new Dictionary<EdgeDanMaps, double[]?>(ReferenceEqualityComparer.Instance);
        foreach (var map in graph.Maps)
        {
            if (map.Source < 0)
            {
                continue;
            }

            var sum = sums[map.Source];
            if (map.Layer is MaskedMapView { Edges: { } edges })
            {
                if (!edgeProducts.TryGetValue(edges.Storage, out var products))
                {
                    var weights = edges.Storage.EdgeWeights;
                    products = weights.grad is { } edgeGradient ? TensorValues.Doubles(weights.to(ScalarType.Float64).mul(edgeGradient.to(ScalarType.Float64))) : null;
                    edgeProducts.Add(edges.Storage, products);
                }

                if (products is not null)
                {
                    var slice = edges.Slice;
                    var columns = slice.Columns;
                    for (var i = 0; i < slice.EdgeCount; i++)
                    {
                        sum[columns[i]] += products[slice.EdgeStart + i];
                    }
                }

                continue;
            }

            Tensor? gradient = map.Layer switch
            {
                MaskedLinear linear => linear.weight.grad,
                MaskedMapView dense => dense.grad,
                _ => null,
            };
            if (gradient is not null)
            {
                var products = TensorValues.Doubles(map.Layer.Weight.to(ScalarType.Float64).mul(gradient.to(ScalarType.Float64)).sum(0L));
                for (var v = 0; v < sum.Length; v++)
                {
                    sum[v] += products[v];
                }
            }
        }

        return sums;
    }
}
