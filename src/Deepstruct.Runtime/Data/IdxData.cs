using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Deepstruct.Data;

/// <summary>The content of an IDX file, as <see cref="IdxFile.Read(string)"/> gives it.</summary>
public sealed class IdxData
{
    internal IdxData(string filePath, IdxElementType elementType, int[] dimensions, Array values)
    {
        FilePath = filePath;
        ElementType = elementType;
        Dimensions = dimensions;
        Values = values;
    }

    /// <summary>The full path of the file read.</summary>
    public string FilePath { get; }

    /// <summary>The type of the values.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The sizes of the dimensions, outermost first.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>
    /// The values in row-major order, in the machine's byte order: a <c>byte[]</c>, <c>sbyte[]</c>,
    /// <c>short[]</c>, <c>int[]</c>, <c>float[]</c> or <c>double[]</c> by <see cref="ElementType"/>.
    /// </summary>
    public Array Values { get; }

    /// <summary>The number of values, the product of the dimensions.</summary>
    public long Count => Values.LongLength;

    /// <summary>
    /// A new tensor of the values, shaped by <see cref="Dimensions"/>, in the matching dtype
    /// (uint8, int8, int16, int32, float32 or float64); the caller owns it.
    /// </summary>
    public Tensor ToTensor()
    {
        var shape = new long[Dimensions.Count];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = Dimensions[i];
        }

        // By the element type, not the array's type: the runtime lets an sbyte[] pass for a byte[].
        return ElementType switch
        {
            IdxElementType.UnsignedByte => tensor((byte[])Values, shape),
            IdxElementType.SignedByte => tensor((sbyte[])Values, shape),
            IdxElementType.Int16 => tensor((short[])Values, shape),
            IdxElementType.Int32 => tensor((int[])Values, shape),
            IdxElementType.Float32 => tensor((float[])Values, shape),
            _ => tensor((double[])Values, shape),
        };
    }
}
