using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Deepstruct.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a magic number (two zero bytes, the
/// element type, the number of dimensions), one big-endian 32-bit size per dimension, then the
/// values, big-endian, in row-major order. A gzip-compressed file is recognized by its content, not by
/// its name, and decompressed while it is read.
/// </summary>
/// <remarks>
/// The sizes in the header are checked before anything is allocated: values beyond what one array
/// holds are refused, a raw file must be exactly as long as its header says, and a compressed file is
/// decompressed into a buffer that grows with the data actually present, so a corrupt header claiming
/// billions of values fails at the end of the data rather than allocating them.
/// </remarks>
public static class IdxFile
{
    private const int MagicLength = 4;
    private const int InitialGzipBuffer = 1 << 20;

    /// <summary>Reads the IDX file at <paramref name="path"/>, raw or gzip-compressed.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="DatasetFileException">
    /// The file does not exist, cannot be opened (a folder, no permission) or is not an IDX file: wrong magic number, unknown element type, a header
    /// or data shorter than the header says, bytes after the data, or not valid gzip. The message names
    /// the file and the problem.
    /// </exception>
    public static IdxData Read(string path) => Read(path, hint: null);

    internal static IdxData Read(string path, string? hint)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"path must name a file, but was '{path}'.", nameof(path));
        }

        var fullPath = Path.GetFullPath(path);
        FileStream file;
        try
        {
            file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFileException(fullPath, "The file does not exist.", hint, exception);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new DatasetFileException(fullPath, $"The file cannot be opened: {exception.Message}", hint, exception);
        }

        using (file)
        {
            try
            {
                var compressed = IsGzip(file);
                using var stream = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
                return ReadIdx(stream, fullPath, compressed ? null : file.Length, hint);
            }
            catch (InvalidDataException exception)
            {
                throw new DatasetFileException(fullPath, $"The file starts like gzip but is not valid gzip: {exception.Message}", hint, exception);
            }
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> start = stackalloc byte[2];
        var read = ReadFully(file, start);
        file.Position = 0;
        return read == 2 && start[0] == 0x1F && start[1] == 0x8B;
    }

    private static IdxData ReadIdx(Stream stream, string path, long? fileLength, string? hint)
    {
        Span<byte> magic = stackalloc byte[MagicLength];
        var read = ReadFully(stream, magic);
        if (read < MagicLength)
        {
            throw new DatasetFileException(path, $"The header is truncated: the file ends after {read} of the {MagicLength} bytes of the magic number.", hint);
        }

        var magicNumber = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DatasetFileException(path, $"It is not an IDX file: its magic number is 0x{magicNumber:X8}, but an IDX magic number starts with two zero bytes (0x0000TTDD, TT the element type, DD the number of dimensions; 0x00000803 for MNIST images).", hint);
        }

        var code = magic[2];
        if (!Enum.IsDefined(typeof(IdxElementType), (int)code))
        {
            var known = string.Join(", ", Enum.GetValues<IdxElementType>().Select(t => $"0x{(int)t:X2}"));
            throw new DatasetFileException(path, $"Its magic number 0x{magicNumber:X8} names the element type 0x{code:X2}, which is not an IDX type ({known}).", hint);
        }

        var elementType = (IdxElementType)code;
        int rank = magic[3];
        if (rank == 0)
        {
            throw new DatasetFileException(path, $"Its magic number 0x{magicNumber:X8} gives 0 dimensions; an IDX file has at least one.", hint);
        }

        var headerLength = MagicLength + (4 * rank);
        var sizes = new byte[4 * rank];
        read = ReadFully(stream, sizes);
        if (read < sizes.Length)
        {
            throw new DatasetFileException(path, $"The header is truncated: the file ends after {MagicLength + read} of its {headerLength} bytes ({rank} dimensions).", hint);
        }

        var dimensions = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * i));
            if (dimensions[i] < 0)
            {
                throw new DatasetFileException(path, $"Dimension {i} has the size {dimensions[i]}, which is negative (dimensions [{string.Join(", ", dimensions.Take(i + 1))}]).", hint);
            }

            // Capped at 2^31 so that neither this product nor the byte count below can overflow; any
            // count that large is refused below.
            count = Math.Min(count * dimensions[i], int.MaxValue + 1L);
        }

        var elementSize = ElementSize(elementType);
        var shape = $"[{string.Join(", ", dimensions)}]";
        if (count * elementSize > Array.MaxLength)
        {
            throw new DatasetFileException(path, $"Its header claims {shape} values of {elementSize} bytes, more than one array holds ({Array.MaxLength} bytes); the header is corrupt or the file too large to read.", hint);
        }

        var dataLength = (int)(count * elementSize);
        byte[] data;
        if (fileLength is { } length)
        {
            var present = length - headerLength;
            if (present < dataLength)
            {
                throw new DatasetFileException(path, $"The data is truncated: the file ends after {present} of the {dataLength} data bytes its header claims ({shape} values of {elementSize} bytes).", hint);
            }

            if (present > dataLength)
            {
                throw new DatasetFileException(path, $"The file has {present - dataLength} bytes after the {dataLength} data bytes its header claims ({shape} values of {elementSize} bytes).", hint);
            }

            data = new byte[dataLength];
            stream.ReadExactly(data);
        }
        else
        {
            data = ReadGrowing(stream, dataLength, out var got);
            if (got < dataLength)
            {
                throw new DatasetFileException(path, $"The data is truncated: the decompressed file ends after {got} of the {dataLength} data bytes its header claims ({shape} values of {elementSize} bytes).", hint);
            }

            Span<byte> extra = stackalloc byte[1];
            if (ReadFully(stream, extra) > 0)
            {
                throw new DatasetFileException(path, $"The decompressed file has bytes after the {dataLength} data bytes its header claims ({shape} values of {elementSize} bytes).", hint);
            }
        }

        return new IdxData(path, elementType, dimensions, ToValues(elementType, data, (int)count));
    }

    /// <summary>Reads up to <paramref name="length"/> bytes, allocating only as the data arrives.</summary>
    private static byte[] ReadGrowing(Stream stream, int length, out int got)
    {
        var buffer = new byte[Math.Min(length, InitialGzipBuffer)];
        got = 0;
        while (got < length)
        {
            if (got == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            }

            var read = stream.Read(buffer, got, buffer.Length - got);
            if (read == 0)
            {
                break;
            }

            got += read;
        }

        return buffer;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    internal static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"type = {type} is not an IDX element type."),
    };

    private static Array ToValues(IdxElementType type, byte[] data, int count)
    {
        switch (type)
        {
            case IdxElementType.UnsignedByte:
                return data;
            case IdxElementType.SignedByte:
                var signedBytes = new sbyte[count];
                Buffer.BlockCopy(data, 0, signedBytes, 0, count);
                return signedBytes;
            case IdxElementType.Int16:
                var shorts = new short[count];
                for (var i = 0; i < count; i++)
                {
                    shorts[i] = BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(2 * i));
                }

                return shorts;
            case IdxElementType.Int32:
                var ints = new int[count];
                for (var i = 0; i < count; i++)
                {
                    ints[i] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 * i));
                }

                return ints;
            case IdxElementType.Float32:
                var floats = new float[count];
                for (var i = 0; i < count; i++)
                {
                    floats[i] = BinaryPrimitives.ReadSingleBigEndian(data.AsSpan(4 * i));
                }

                return floats;
            default:
                var doubles = new double[count];
                for (var i = 0; i < count; i++)
                {
                    doubles[i] = BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(8 * i));
                }

                return doubles;
        }
    }
}
