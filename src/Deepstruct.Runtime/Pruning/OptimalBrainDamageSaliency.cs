using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct;

// Errors about the data set or the loss name the constructor parameter ("data", "loss") the user gave them through.
#pragma warning disable CA2208

/// <summary>
/// Optimal brain damage (LeCun et al. 1990): the saliency of weight wᵢ is ½·hᵢᵢ·wᵢ², with hᵢᵢ the
/// diagonal of the Hessian of the loss over a data set — exact for small models, the empirical
/// Fisher by default.
/// </summary>
/// <remarks>
/// The loss L is the mean over the batches of <c>loss(model(input), target)</c>, as deepstruct's
/// cross-validation error. The empirical Fisher runs each example alone through the model, so the
/// loss must accept a batch of one. It approximates the Hessian's ranking of weights, not its
/// scale (for a mean-squared error they differ by a constant and a residual factor). Exact
/// diagonal entries can be negative away from a minimum; such weights are pruned first, as in
/// deepstruct. Masked weights get saliency 0 and cost nothing.
/// </remarks>
public sealed class OptimalBrainDamageSaliency : SaliencySource
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly IEnumerable<(Tensor Input, Tensor Target)> _data;
    private readonly Func<Tensor, Tensor, Tensor> _loss;

    /// <summary>Creates the source.</summary>
    /// <param name="model">The model whose loss is differentiated; the layers pruned must be its parameters.</param>
    /// <param name="data">Batches of inputs and targets (enumerated once per computation).</param>
    /// <param name="loss">The loss of a batch, a scalar, e.g. <c>(y, t) =&gt; nn.functional.cross_entropy(y, t)</c>.</param>
    /// <param name="diagonal">Exact diagonal or empirical Fisher (default).</param>
    /// <param name="maxExactWeights">The most unmasked weights the exact diagonal agrees to work on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExactWeights"/> is below 1 or <paramref name="diagonal"/> is unknown.</exception>
    public OptimalBrainDamageSaliency(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor Input, Tensor Target)> data, Func<Tensor, Tensor, Tensor> loss, HessianDiagonal diagonal = HessianDiagonal.EmpiricalFisher, long maxExactWeights = 50_000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        if (diagonal is not (HessianDiagonal.Exact or HessianDiagonal.EmpiricalFisher))
        {
            throw new ArgumentOutOfRangeException(nameof(diagonal), diagonal, $"Unknown Hessian diagonal {diagonal}.");
        }

        if (maxExactWeights < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExactWeights), maxExactWeights, $"maxExactWeights must be at least 1, but was {maxExactWeights}.");
        }

        _model = model;
        _data = data;
        _loss = loss;
        Diagonal = diagonal;
        MaxExactWeights = maxExactWeights;
    }

    /// <summary>How the Hessian diagonal is obtained.</summary>
    public HessianDiagonal Diagonal { get; }

    /// <summary>The most unmasked weights the exact diagonal agrees to work on.</summary>
    public long MaxExactWeights { get; }

    /// <summary>½·hᵢᵢ·wᵢ² for each layer (0 where masked).</summary>
    /// <exception cref="ArgumentException">A layer's weight is not a parameter of the model that requires a gradient, the data set is empty, the loss is not a scalar, or the exact diagonal would exceed <see cref="MaxExactWeights"/>.</exception>
    public override Tensor[] Compute(IReadOnlyList<IMaskedWeight> layers)
    {
        var hessian = ComputeHessianDiagonal(layers);
        for (var i = 0; i < hessian.Length; i++)
        {
            using var scope = NewDisposeScope();
            var weight = layers[i].Weight.detach();
            var saliency = hessian[i].mul(weight.square()).mul(0.5).masked_fill(layers[i].Mask.logical_not(), TorchScalars.Zero);
            hessian[i].Dispose();
            hessian[i] = saliency.MoveToOuterDisposeScope();
        }

        return hessian;
    }

    /// <summary>The Hessian diagonal hᵢᵢ (or its empirical-Fisher approximation) for each layer, 0 where masked.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Compute"/>.</exception>
    public Tensor[] ComputeHessianDiagonal(IReadOnlyList<IMaskedWeight> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        CheckLayers(layers);
        using var grad = enable_grad();
        return Diagonal == HessianDiagonal.Exact ? Exact(layers) : EmpiricalFisher(layers);
    }

    /// <inheritdoc />
    public override string ToString() => $"optimal brain damage ({Diagonal})";

    private void CheckLayers(IReadOnlyList<IMaskedWeight> layers)
    {
        var handles = _model.parameters().Select(parameter => parameter.Handle).ToHashSet();
        for (var i = 0; i < layers.Count; i++)
        {
            // A fused map (MaskedMapView) is differentiated through the parameter it is a slice of.
            var weight = MaskedWeightParameters.ParameterOf(layers[i]);
            if (!handles.Contains(weight.Handle))
            {
                throw new ArgumentException($"Layer {i}'s weight is not a parameter of the model given to optimal brain damage.", nameof(layers));
            }

            // libtorch errors inside autograd.grad end the process, so everything it needs is checked first.
            if (!weight.requires_grad)
            {
                throw new ArgumentException($"Layer {i}'s weight does not require a gradient, so optimal brain damage cannot differentiate the loss by it.", nameof(layers));
            }
        }
    }

    private Tensor BatchLoss(Tensor input, Tensor target, Tensor[] parameters)
    {
        var loss = _loss(_model.call(input), target);
        if (loss.NumberOfElements != 1 || !loss.is_floating_point())
        {
            throw new ArgumentException($"The loss must be a floating-point scalar, but has shape {MaskedLinear.Describe(loss.shape)} and dtype {loss.dtype}.", "loss");
        }

        // Adds exactly zero, but ties every weight into the graph: autograd.grad then never meets
        // an unused input (a libtorch error that would end the process), and second derivatives
        // exist even for a layer the loss is linear in.
        foreach (var parameter in parameters)
        {
            loss = loss.reshape(Array.Empty<long>()).add(parameter.square().sum().mul(0.0));
        }

        return loss;
    }

    private Tensor[] EmpiricalFisher(IReadOnlyList<IMaskedWeight> layers)
    {
        // Gradients are taken once per distinct parameter; several fused maps share one and read their slices.
        var (parameters, parameterOf) = MaskedWeightParameters.Distinct(layers);
        var sums = layers.Select(layer => zeros_like(layer.Weight).DetachFromDisposeScope()).ToArray();
        var examples = 0L;
        foreach (var (input, target) in _data)
        {
            var batch = input.shape[0];
            for (var e = 0L; e < batch; e++)
            {
                using var scope = NewDisposeScope();
                var loss = BatchLoss(input.narrow(0, e, 1), target.narrow(0, e, 1), parameters);
                var grads = autograd.grad(new[] { loss }, parameters);
                for (var i = 0; i < sums.Length; i++)
                {
                    sums[i].add_(MaskedWeightParameters.SliceOf(layers[i], grads[parameterOf[i]]).detach().square());
                }

                examples++;
            }
        }

        if (examples == 0)
        {
            foreach (var sum in sums)
            {
                sum.Dispose();
            }

            throw new ArgumentException("The data set of optimal brain damage is empty.", "data");
        }

        for (var i = 0; i < sums.Length; i++)
        {
            using var masked = layers[i].Mask.logical_not();
            sums[i].div_(examples).masked_fill_(masked, TorchScalars.Zero);
        }

        return sums;
    }

    private Tensor[] Exact(IReadOnlyList<IMaskedWeight> layers)
    {
        var unmasked = 0L;
        foreach (var layer in layers)
        {
            unmasked += layer.WeightCount;
        }

        if (unmasked > MaxExactWeights)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "The exact Hessian diagonal needs one backward pass per weight; {0} unmasked weights exceed maxExactWeights = {1}. Use HessianDiagonal.EmpiricalFisher.", unmasked, MaxExactWeights), nameof(layers));
        }

        var (parameters, parameterOf) = MaskedWeightParameters.Distinct(layers);
        using var outer = NewDisposeScope();
        Tensor? total = null;
        var batches = 0;
        foreach (var (input, target) in _data)
        {
            var loss = BatchLoss(input, target, parameters);
            total = total is null ? loss : total.add(loss);
            batches++;
        }

        if (total is null)
        {
            throw new ArgumentException("The data set of optimal brain damage is empty.", "data");
        }

        var mean = total.div(batches);
        var grads = autograd.grad(new[] { mean }, parameters, retain_graph: true, create_graph: true);
        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var parameter = parameters[parameterOf[i]];
            var flatGrad = MaskedWeightParameters.SliceOf(layers[i], grads[parameterOf[i]]).reshape(-1);
            var mask = layers[i].Mask.reshape(-1).to(CPU).data<bool>().ToArray();
            var diagonal = new double[mask.Length];
            for (var j = 0; j < mask.Length; j++)
            {
                if (!mask[j])
                {
                    continue;
                }

                using var scope = NewDisposeScope();
                var row = autograd.grad(new[] { flatGrad[j] }, new[] { parameter }, retain_graph: true)[0];
                diagonal[j] = MaskedWeightParameters.SliceOf(layers[i], row).reshape(-1)[j].to_type(ScalarType.Float64).item<double>();
            }

            var weight = layers[i].Weight;
            using var values = tensor(diagonal, weight.shape);
            result[i] = values.to(weight.dtype, weight.device).MoveToOuterDisposeScope();
        }

        return result;
    }
}
