using System.Diagnostics.CodeAnalysis;

namespace Deepstruct.Data;

/// <summary>The element types of the IDX format (the third byte of its magic number); values are big-endian.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The names of the dtypes the values become (TorchSharp's ScalarType spells them so).")]
public enum IdxElementType
{
    /// <summary>Unsigned byte (<c>0x08</c>), the type of the MNIST files.</summary>
    UnsignedByte = 0x08,

    /// <summary>Signed byte (<c>0x09</c>).</summary>
    SignedByte = 0x09,

    /// <summary>16-bit integer (<c>0x0B</c>).</summary>
    Int16 = 0x0B,

    /// <summary>32-bit integer (<c>0x0C</c>).</summary>
    Int32 = 0x0C,

    /// <summary>32-bit float (<c>0x0D</c>).</summary>
    Float32 = 0x0D,

    /// <summary>64-bit float (<c>0x0E</c>).</summary>
    Float64 = 0x0E,
}
