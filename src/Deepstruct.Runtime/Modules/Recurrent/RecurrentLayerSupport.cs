using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Deepstruct;

/// <summary>What the masked recurrent layers share (most through <see cref="MaskedRecurrentLayerBase{TState, TResult}"/>): creating their tensors and checking their inputs.</summary>
internal static class RecurrentLayerSupport
{
    /// <summary>
    /// Checks the sizes, and that the weights <c>[gateCount·hiddenSize, inputSize]</c> and
    /// <c>[gateCount·hiddenSize, hiddenSize]</c> fit <see cref="WeightLimits"/>, before anything is allocated.
    /// </summary>
    public static void CheckSizes(int inputSize, int hiddenSize, int gateCount, string layer)
    {
        if (inputSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"inputSize must be at least 1, but was {inputSize}.");
        }

        if (hiddenSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"hiddenSize must be at least 1, but was {hiddenSize}.");
        }

        var rows = (long)gateCount * hiddenSize;
        WeightLimits.CheckDense(rows, inputSize, $"{layer}'s weight_ih ({gateCount} gate(s) × hiddenSize = {hiddenSize} rows, inputSize = {inputSize} columns)", nameof(inputSize));
        WeightLimits.CheckDense(rows, hiddenSize, $"{layer}'s weight_hh ({gateCount} gate(s) × hiddenSize = {hiddenSize} rows, {hiddenSize} columns)", nameof(hiddenSize));
    }

    public static void CheckNonlinearity(Activation nonlinearity)
    {
        if (!Enum.IsDefined(nonlinearity))
        {
            throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, $"nonlinearity = {nonlinearity} is not an Activation.");
        }
    }

    /// <summary>A parameter of the given shape drawn from U(−1/√hidden, 1/√hidden), as deepstruct and PyTorch initialize recurrent layers.</summary>
    public static Parameter UniformParameter(int hiddenSize, params long[] shape)
    {
        // Built outside any caller's dispose scope: a parameter adopts the scope of its tensor.
        using (no_grad())
        {
            var bound = 1.0 / Math.Sqrt(hiddenSize);
            var values = empty(shape);
            nn.init.uniform_(values, -bound, bound);
            var parameter = new Parameter(values);
            parameter.DetachFromDisposeScope();
            return parameter;
        }
    }

    public static Tensor FullMask(long rows, long columns) =>
        ones(rows, columns, dtype: ScalarType.Bool).DetachFromDisposeScope();

    /// <summary>Checks one step's input, <c>[batch, inputSize]</c> of the weights' <paramref name="dtype"/>.</summary>
    public static void CheckStepInput(Tensor input, int inputSize, ScalarType dtype, string layer)
    {
        InputShapes.CheckDtype(input, dtype, layer);
        if (input.Dimensions != 2 || input.shape[1] != inputSize)
        {
            throw new ArgumentException($"{layer} expects one step of input as [batch, {inputSize}], but the input has shape {MaskedLinear.Describe(input.shape)}.", nameof(input));
        }
    }

    /// <summary>Checks a state (<c>[batch, hiddenSize]</c>) against the batch of the input, and its dtype against the weights'.</summary>
    public static void CheckState(Tensor? state, long batch, int hiddenSize, ScalarType dtype, string parameterName, string layer)
    {
        if (state is not null)
        {
            InputShapes.CheckDtype(state, dtype, layer, parameterName);
        }

        if (state is not null && (state.Dimensions != 2 || state.shape[0] != batch || state.shape[1] != hiddenSize))
        {
            throw new ArgumentException(
                $"{layer} expects {parameterName} of shape [{batch}, {hiddenSize}] (batch, hidden), but it has shape {MaskedLinear.Describe(state.shape)}.", parameterName);
        }
    }

    /// <summary>
    /// Checks a sequence (its shape, and its dtype against the weights' <paramref name="dtype"/>) and returns
    /// it time-major, <c>[sequence, batch, inputSize]</c>, whatever its layout.
    /// </summary>
    public static Tensor TimeMajor(Tensor input, int inputSize, ScalarType dtype, bool batchFirst, string layer)
    {
        InputShapes.CheckDtype(input, dtype, layer);
        if (input.Dimensions != 3 || input.shape[2] != inputSize || input.shape[0] == 0 || input.shape[1] == 0)
        {
            var layout = batchFirst ? "[batch, sequence, " : "[sequence, batch, ";
            throw new ArgumentException($"{layer} expects a sequence as {layout}{inputSize}] with at least one step, but the input has shape {MaskedLinear.Describe(input.shape)}.", nameof(input));
        }

        return batchFirst ? input.transpose(0, 1) : input.alias();
    }

    /// <summary>Stacks the per-step hidden states, <c>[batch, hidden]</c> each, into the sequence layout.</summary>
    public static Tensor StackSteps(Tensor[] steps, bool batchFirst) => stack(steps, batchFirst ? 1 : 0);

    /// <summary>The input-to-hidden pre-activations of every step at once: one matrix product instead of one per step.</summary>
    public static Tensor InputGates(Tensor timeMajor, Tensor weight, Tensor mask, Tensor? bias)
    {
        using var masked = weight.mul(mask);
        return nn.functional.linear(timeMajor, masked, bias);
    }

    /// <summary>
    /// What a parameter's setter stores: <paramref name="value"/> after checking its shape, the current
    /// parameter disposed. TorchSharp's <c>to()</c> assigns moved parameters through public properties
    /// named like them, so the properties need setters.
    /// </summary>
    public static Parameter? Replace(Parameter? current, Parameter? value, long[] shape, bool optional, string name, string layer)
    {
        if (value is null)
        {
            if (!optional)
            {
                throw new ArgumentNullException(nameof(value), $"{layer}.{name} cannot be null.");
            }
        }
        else if (!value.shape.AsSpan().SequenceEqual(shape))
        {
            throw new ArgumentException($"{layer}.{name} must have shape {MaskedLinear.Describe(shape)}, but the value has shape {MaskedLinear.Describe(value.shape)}.", nameof(value));
        }

        if (value?.Handle == current?.Handle)
        {
            return current;
        }

        current?.Dispose();
        return (Parameter?)value?.DetachFromDisposeScope();
    }
}
