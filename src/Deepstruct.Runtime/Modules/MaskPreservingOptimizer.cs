using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Deepstruct;

/// <summary>
/// Wraps any optimizer so that masked weights stay exactly zero: after each of the inner
/// optimizer's steps it applies the model's masks.
/// </summary>
/// <remarks>
/// The forward pass already gives masked weights a gradient of exactly zero, so an optimizer whose
/// state is zero there leaves them at zero. State gathered before a mask was set (momentum, Adam's
/// moving averages) still moves them; TorchSharp has no optimizer hooks, so this wrapper is how the
/// guarantee holds for every optimizer. Learning-rate schedulers see the inner optimizer's groups.
/// The wrapper does not own the inner optimizer.
/// </remarks>
public sealed class MaskPreservingOptimizer : OptimizerHelper
{
    private readonly Optimizer _inner;
    private readonly MaskableModule _model;

    /// <summary>Wraps <paramref name="inner"/>, which optimizes (some of) <paramref name="model"/>'s parameters.</summary>
    public MaskPreservingOptimizer(Optimizer inner, MaskableModule model)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(model);
        _inner = inner;
        _model = model;
    }

    /// <summary>The wrapped optimizer.</summary>
    public Optimizer Inner => _inner;

    /// <inheritdoc />
    public override IEnumerable<ILearningRateController> ParamGroups => _inner.ParamGroups;

    /// <summary>Performs the inner optimizer's step, then sets every masked weight back to exactly zero.</summary>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        var loss = _inner.step(closure!);
        _model.ApplyMask();
        return loss;
    }

    /// <inheritdoc />
    public override void zero_grad() => _inner.zero_grad();

    /// <inheritdoc />
    public override IEnumerable<Parameter> parameters() => _inner.parameters();

    /// <inheritdoc />
    public override void add_param_group(ParamGroup param_group) => _inner.add_param_group(param_group);

    /// <summary>The inner optimizer's state.</summary>
    /// <exception cref="NotSupportedException">The inner optimizer is a native one without a managed state dictionary.</exception>
    public override StateDictionary state_dict() =>
        _inner is OptimizerHelper helper ? helper.state_dict() : throw new NotSupportedException($"{_inner.GetType().Name} has no managed state dictionary.");

    /// <summary>Loads the inner optimizer's state.</summary>
    /// <exception cref="NotSupportedException">The inner optimizer is a native one without a managed state dictionary.</exception>
    public override void load_state_dict(StateDictionary state_dict)
    {
        if (_inner is not OptimizerHelper helper)
        {
            throw new NotSupportedException($"{_inner.GetType().Name} has no managed state dictionary.");
        }

        helper.load_state_dict(state_dict);
    }
}
