using System;

namespace Deepstruct.Export;

/// <summary>Settings of an <see cref="OnnxExport"/>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The oldest opset written: <c>LayerNormalization</c> is an ONNX operator from opset 17 on.</summary>
    public const int MinimumOpset = 17;

    /// <summary>The newest opset written (ONNX Runtime 1.17 and later run it).</summary>
    public const int MaximumOpset = 21;

    /// <summary>The opset of the ONNX domain the model imports; 17 unless set, from <see cref="MinimumOpset"/> to <see cref="MaximumOpset"/>.</summary>
    public int Opset { get; set; } = MinimumOpset;

    /// <summary>The name of the graph's input, <c>[batch, ..inputShape]</c>; <c>"input"</c> unless set.</summary>
    public string InputName { get; set; } = "input";

    /// <summary>The name of the graph's output, <c>[batch, outputs]</c>; <c>"output"</c> unless set.</summary>
    public string OutputName { get; set; } = "output";

    /// <summary>Whether weight matrices are stored sparsely; <see cref="OnnxSparseWeights.Auto"/> unless set.</summary>
    public OnnxSparseWeights SparseWeights { get; set; } = OnnxSparseWeights.Auto;

    /// <summary>Refuses settings no valid model can be written with.</summary>
    internal void Validate(string parameterName)
    {
        if (Opset < MinimumOpset || Opset > MaximumOpset)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                Opset,
                $"options.Opset must be from {MinimumOpset} (LayerNormalization's first opset) to {MaximumOpset}, but was {Opset}.");
        }

        CheckName(InputName, nameof(InputName), parameterName);
        CheckName(OutputName, nameof(OutputName), parameterName);
        if (InputName == OutputName)
        {
            throw new ArgumentException($"options.InputName and options.OutputName must differ, but both are '{InputName}'.", parameterName);
        }

        if (!Enum.IsDefined(SparseWeights))
        {
            throw new ArgumentOutOfRangeException(parameterName, SparseWeights, $"options.SparseWeights = {SparseWeights} is not an OnnxSparseWeights.");
        }
    }

    private static void CheckName(string? name, string property, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"options.{property} must name a graph value, but was '{name}'.", parameterName);
        }
    }
}
