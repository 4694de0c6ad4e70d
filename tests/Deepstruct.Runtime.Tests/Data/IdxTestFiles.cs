using System.Buffers.Binary;
using System.IO.Compression;

namespace Deepstruct.Runtime.Tests.Data;

/// <summary>Writes small IDX files, raw or gzip, into a temporary folder deleted on dispose.</summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"deepstruct-idx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>An IDX file's bytes: magic (0, 0, type, rank), big-endian sizes, then <paramref name="data"/> as given.</summary>
    public static byte[] Idx(byte type, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }

    public static byte[] BigEndian(float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> (gzip-compressed if asked) as <paramref name="name"/>; returns the full path.</summary>
    public string Write(string name, byte[] bytes, bool compressed = false)
    {
        var path = Path(name);
        File.WriteAllBytes(path, compressed ? Gzip(bytes) : bytes);
        return path;
    }

    /// <summary>Pixels that cover 0..255: pixel i of image n is (n * 37 + i * 11) mod 256.</summary>
    public static byte[] Pixels(int count, int rows, int columns)
    {
        var pixels = new byte[count * rows * columns];
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < rows * columns; i++)
            {
                pixels[(n * rows * columns) + i] = (byte)(((n * 37) + (i * 11)) % 256);
            }
        }

        return pixels;
    }

    public static byte[] Labels(int count) => Enumerable.Range(0, count).Select(n => (byte)((n * 3) % 10)).ToArray();

    /// <summary>Writes an MNIST-layout image and label file pair named with <paramref name="prefix"/> (<c>train</c> or <c>t10k</c>).</summary>
    public void WriteSet(string prefix, int count, bool compressed, int rows = 28, int columns = 28, int? labelCount = null)
    {
        var suffix = compressed ? ".gz" : "";
        Write($"{prefix}-images-idx3-ubyte{suffix}", Idx(0x08, new[] { count, rows, columns }, Pixels(count, rows, columns)), compressed);
        var labels = labelCount ?? count;
        Write($"{prefix}-labels-idx1-ubyte{suffix}", Idx(0x08, new[] { labels }, Labels(labels)), compressed);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
