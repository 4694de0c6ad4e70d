using System;

namespace Deepstruct;

/// <summary>
/// Maps a saliency to an unsigned key whose integer order is the numeric order, so that selection
/// can work digit by digit (radix select) instead of sorting.
/// </summary>
internal interface ISaliencyCodec<T>
    where T : unmanaged
{
    static abstract int KeyBits { get; }

    static abstract ulong Key(T value);

    static abstract double FromKey(ulong key);

    static abstract double ToDouble(T value);

    static abstract bool IsNaN(T value);
}

/// <summary>Keys of single-precision saliencies (32 bits).</summary>
internal readonly struct SingleCodec : ISaliencyCodec<float>
{
    public static int KeyBits => 32;

    public static ulong Key(float value)
    {
        // Adding +0 turns -0 into +0, so both zeros are one key and tie-break by position.
        var bits = BitConverter.SingleToUInt32Bits(value + 0f);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    public static double FromKey(ulong key)
    {
        var bits = (uint)key;
        return BitConverter.UInt32BitsToSingle((bits & 0x8000_0000u) != 0 ? bits & 0x7FFF_FFFFu : ~bits);
    }

    public static double ToDouble(float value) => value;

    public static bool IsNaN(float value) => float.IsNaN(value);
}

/// <summary>Keys of double-precision saliencies (64 bits).</summary>
internal readonly struct DoubleCodec : ISaliencyCodec<double>
{
    public static int KeyBits => 64;

    public static ulong Key(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value + 0d);
        return (bits & 0x8000_0000_0000_0000ul) != 0 ? ~bits : bits | 0x8000_0000_0000_0000ul;
    }

    public static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & 0x8000_0000_0000_0000ul) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFul : ~key);

    public static double ToDouble(double value) => value;

    public static bool IsNaN(double value) => double.IsNaN(value);
}
