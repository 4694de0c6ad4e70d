using System;
using System.IO;
using Google.Protobuf;
using static TorchSharp.torch;

namespace Deepstruct.Export;

/// <summary>
/// Writes a model to an ONNX file that ONNX Runtime (or any ONNX consumer) runs: a <see cref="MaskedLinear"/>,
/// <see cref="MaskedDeepFfn"/>, <see cref="MaskedDeepDan"/> (either representation), <see cref="MaskedDeepRnn"/>,
/// a masked recurrent layer, a <see cref="DeepCellDan"/> whose cells are built of standard layers (models
/// generated from <c>.dsnet</c> included), or an <c>nn.Sequential</c> of these.
/// </summary>
/// <remarks>
/// <para>
/// The graph has one input, <c>[batch, ..inputShape]</c> (float32 or float64, the model's type) with a symbolic
/// batch dimension named <c>batch</c> (recurrent models: a symbolic sequence too), and one output,
/// <c>[batch, outputs]</c>; their names are <see cref="OnnxExportOptions.InputName"/> and
/// <see cref="OnnxExportOptions.OutputName"/>. Each masked layer is a <c>Gemm</c> (<c>transB = 1</c>) of its
/// weight with the mask folded in (<c>weight ⊙ mask</c>), so the file holds no masks. Pruned weight matrices are
/// stored as <c>sparse_initializer</c>s when that makes them smaller (<see cref="OnnxExportOptions.SparseWeights"/>).
/// The file computes the model's eval-mode function (batch norms with running statistics, no dropout).
/// docs/onnx.md lists every module's nodes.
/// </para>
/// <para>Other modules (a cell with its own forward code, convolutions outside a cell network, …) are refused with a <see cref="NotSupportedException"/> naming the module and its path.</para>
/// </remarks>
public static class OnnxExport
{
    /// <summary>Writes <paramref name="module"/> to the ONNX file <paramref name="path"/>, whole or not at all.</summary>
    /// <param name="module">The model to export.</param>
    /// <param name="path">The file to write; its directory must exist.</param>
    /// <param name="options">Opset, value names and weight storage; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range, the model's weights are neither float32 nor float64 (or float64 where ONNX Runtime has no kernel), or its modules do not fit together.</exception>
    /// <exception cref="NotSupportedException">The model is, or contains, a module ONNX export does not support.</exception>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    public static void Save(nn.Module module, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(path);

        // Built before the file is touched, so that a refused model leaves no file behind.
        var model = OnnxModelBuilder.Build(module, options ?? new OnnxExportOptions(), nameof(options));
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }

    /// <summary>The ONNX model of <paramref name="module"/> as the bytes of an <c>.onnx</c> file.</summary>
    /// <param name="module">The model to export.</param>
    /// <param name="options">Opset, value names and weight storage; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range, the model's weights are neither float32 nor float64 (or float64 where ONNX Runtime has no kernel), or its modules do not fit together.</exception>
    /// <exception cref="NotSupportedException">The model is, or contains, a module ONNX export does not support.</exception>
    public static byte[] ToBytes(nn.Module module, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return OnnxModelBuilder.Build(module, options ?? new OnnxExportOptions(), nameof(options)).ToByteArray();
    }
}
