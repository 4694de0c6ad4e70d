namespace Deepstruct.Export;

/// <summary>How <see cref="OnnxExport"/> stores weight matrices.</summary>
public enum OnnxSparseWeights
{
    /// <summary>Each weight matrix as a <c>sparse_initializer</c> when that is smaller than the dense one.</summary>
    Auto,

    /// <summary>Every weight matrix dense, as an ordinary initializer.</summary>
    Never,

    /// <summary>Every weight matrix as a <c>sparse_initializer</c> (COO: int64 linear indices and values).</summary>
    Always,
}
