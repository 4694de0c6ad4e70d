using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>
/// Runs a model once with forward hooks on every module and records the calls as a tree, in
/// execution order. TorchSharp fires hooks from <c>call()</c> only, and <c>named_modules()</c> is not
/// in execution order, so the hooks are the one reliable record of what ran in which order.
/// </summary>
internal static class ModuleCallRecorder
{
    public static ModuleCall Record(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        var pathOf = new Dictionary<nn.Module, string>(ReferenceEqualityComparer.Instance) { [model] = string.Empty };
        foreach (var (name, module) in model.named_modules())
        {
            pathOf.TryAdd(module, name);
        }

        var stack = new Stack<ModuleCall>();
        ModuleCall? root = null;
        var removers = new List<Action>();
        var trainingOf = pathOf.Keys.Select(module => (Module: module, Training: module.training, Depth: Depth(pathOf[module]))).ToList();
        try
        {
            foreach (var module in pathOf.Keys)
            {
                if (module is not nn.Module<Tensor, Tensor> hookable)
                {
                    continue;
                }

                var path = pathOf[module];
                removers.Add(hookable.register_forward_pre_hook((called, x) =>
                {
                    var call = new ModuleCall(called, path, x.shape);
                    if (stack.Count > 0)
                    {
                        stack.Peek().Children.Add(call);
                    }
                    else
                    {
                        root ??= call;
                    }

                    stack.Push(call);
                    return null!;
                }).remove);
                removers.Add(hookable.register_forward_hook((called, x, y) =>
                {
                    stack.Pop().OutputShape = y.shape;
                    return null!;
                }).remove);
            }

            // Evaluation mode: batch norm refuses a batch of one when training, and running statistics must not move.
            model.eval();
            using var gradients = no_grad();
            using var scope = NewDisposeScope();
            try
            {
                model.call(input);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var failing = stack.Count > 0 ? stack.Peek() : null;
                throw new GraphExtractionException(
                    failing?.Path ?? string.Empty,
                    failing?.TypeName ?? model.GetType().Name,
                    $"running the model on the random input of shape {MaskedLinear.Describe(input.shape)} failed here: {exception.Message}",
                    exception);
            }
        }
        finally
        {
            foreach (var remove in removers)
            {
                remove();
            }

            // Parents first: train(bool) may set a module's children too, and each keeps its own mode.
            foreach (var (module, training, _) in trainingOf.OrderBy(entry => entry.Depth))
            {
                module.train(training);
            }
        }

        return root ?? throw new InvalidOperationException("The model's call() fired no hook.");
    }

    private static int Depth(string path) => path.Length == 0 ? -1 : path.Count(character => character == '.');
}
