using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace Deepstruct.PruneAndDeploy;

/// <summary>An exported model in ONNX Runtime, as a deployment would run it (one intra-op thread, like the TorchSharp side).</summary>
internal sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxSession(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
    }

    /// <summary>Runs the model on float32 <c>[batch, features]</c> values; returns <c>[batch, outputs]</c>.</summary>
    public float[] Run(float[] input, int batch)
    {
        var tensor = new DenseTensor<float>(input, new[] { batch, input.Length / batch });
        using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", tensor) });
        return results[0].AsTensor<float>().ToArray();
    }

    /// <summary>The ONNX model's predictions for <paramref name="images"/> as a TorchSharp tensor (for accuracy).</summary>
    public Tensor Predict(Tensor images)
    {
        var batch = (int)images.shape[0];
        var output = Run(images.contiguous().data<float>().ToArray(), batch);
        return tensor(output).reshape(batch, output.Length / batch);
    }

    public void Dispose() => _session.Dispose();
}
