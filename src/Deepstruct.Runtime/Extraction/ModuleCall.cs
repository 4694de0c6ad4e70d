using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct.Extraction;

/// <summary>One call of a module seen by the forward hooks: its shapes and the calls made inside it, in order.</summary>
internal sealed class ModuleCall
{
    public ModuleCall(nn.Module module, string path, long[] inputShape)
    {
        Module = module;
        Path = path;
        InputShape = inputShape;
    }

    public nn.Module Module { get; }

    public string Path { get; }

    public string TypeName => Module.GetType().Name;

    public long[] InputShape { get; }

    /// <summary>Null until the call returns.</summary>
    public long[]? OutputShape { get; set; }

    public List<ModuleCall> Children { get; } = new();

    public long InputCount => Count(InputShape);

    public long OutputCount => Count(OutputShape!);

    public string Describe() => GraphExtractionException.Describe(Path, TypeName);

    public GraphExtractionException Fail(string reason) => new(Path, TypeName, reason);

    public static long Count(long[] shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            count *= dimension;
        }

        return count;
    }
}
