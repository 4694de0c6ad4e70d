using System.Buffers.Binary;
using Deepstruct.Data;
using static TorchSharp.torch;

namespace Deepstruct.Runtime.Tests.Data;

public class IdxFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unsigned_bytes_read_back_with_their_dimensions(bool compressed)
    {
        using var files = new IdxTestFiles();
        var values = IdxTestFiles.Pixels(3, 2, 4);
        var path = files.Write("bytes.idx", IdxTestFiles.Idx(0x08, new[] { 3, 2, 4 }, values), compressed);

        var data = IdxFile.Read(path);

        Assert.Equal(path, data.FilePath);
        Assert.Equal(IdxElementType.UnsignedByte, data.ElementType);
        Assert.Equal(new[] { 3, 2, 4 }, data.Dimensions);
        Assert.Equal(values, Assert.IsType<byte[]>(data.Values));
        using var tensor = data.ToTensor();
        Assert.Equal(ScalarType.Byte, tensor.dtype);
        Assert.Equal(new long[] { 3, 2, 4 }, tensor.shape);
        Assert.Equal(values[9], tensor[1, 0, 1].item<byte>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Float32_values_are_read_big_endian(bool compressed)
    {
        using var files = new IdxTestFiles();
        var values = new[] { 1.5f, -2.25f, 0f, float.MaxValue, 1e-30f, -0.1f };
        var path = files.Write("floats.idx", IdxTestFiles.Idx(0x0D, new[] { 2, 3 }, IdxTestFiles.BigEndian(values)), compressed);

        var data = IdxFile.Read(path);

        Assert.Equal(IdxElementType.Float32, data.ElementType);
        Assert.Equal(new[] { 2, 3 }, data.Dimensions);
        Assert.Equal(values, Assert.IsType<float[]>(data.Values));
        using var tensor = data.ToTensor();
        Assert.Equal(ScalarType.Float32, tensor.dtype);
        Assert.Equal(-2.25f, tensor[0, 1].item<float>());
    }

    [Fact]
    public void The_other_element_types_are_read_big_endian()
    {
        using var files = new IdxTestFiles();
        var signedBytes = files.Write("i8", IdxTestFiles.Idx(0x09, new[] { 3 }, new byte[] { 0x80, 0xFF, 0x7F }));
        var shorts = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(shorts, -300);
        BinaryPrimitives.WriteInt16BigEndian(shorts.AsSpan(2), 1234);
        var int16 = files.Write("i16", IdxTestFiles.Idx(0x0B, new[] { 2 }, shorts));
        var ints = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(ints, -70000);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4), int.MaxValue);
        var int32 = files.Write("i32", IdxTestFiles.Idx(0x0C, new[] { 1, 2 }, ints));
        var doubles = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, Math.PI);
        BinaryPrimitives.WriteDoubleBigEndian(doubles.AsSpan(8), -1e300);
        var float64 = files.Write("f64", IdxTestFiles.Idx(0x0E, new[] { 2 }, doubles), compressed: true);

        Assert.Equal(new sbyte[] { -128, -1, 127 }, IdxFile.Read(signedBytes).Values);
        Assert.Equal(new short[] { -300, 1234 }, IdxFile.Read(int16).Values);
        Assert.Equal(new[] { -70000, int.MaxValue }, IdxFile.Read(int32).Values);
        Assert.Equal(new[] { Math.PI, -1e300 }, IdxFile.Read(float64).Values);
        var dtypes = new[] { signedBytes, int16, int32, float64 }.Select(path =>
        {
            using var tensor = IdxFile.Read(path).ToTensor();
            return tensor.dtype;
        });
        Assert.Equal(new[] { ScalarType.Int8, ScalarType.Int16, ScalarType.Int32, ScalarType.Float64 }, dtypes);
        using var signedTensor = IdxFile.Read(signedBytes).ToTensor();
        Assert.Equal(new sbyte[] { -128, -1, 127 }, signedTensor.data<sbyte>().ToArray());
        using var shortTensor = IdxFile.Read(int16).ToTensor();
        Assert.Equal(new short[] { -300, 1234 }, shortTensor.data<short>().ToArray());
    }

    [Fact]
    public void A_gzip_file_is_recognized_by_its_content_not_its_name()
    {
        using var files = new IdxTestFiles();
        var path = files.Write("no-extension", IdxTestFiles.Idx(0x08, new[] { 2 }, new byte[] { 7, 9 }), compressed: true);

        Assert.Equal(new byte[] { 7, 9 }, IdxFile.Read(path).Values);
    }

    [Fact]
    public void A_file_of_no_values_is_read()
    {
        using var files = new IdxTestFiles();
        var path = files.Write("empty.idx", IdxTestFiles.Idx(0x08, new[] { 0, 28, 28 }, Array.Empty<byte>()));

        var data = IdxFile.Read(path);

        Assert.Equal(new[] { 0, 28, 28 }, data.Dimensions);
        Assert.Equal(0, data.Count);
    }

    public static TheoryData<string, byte[], bool, string> MalformedFiles()
    {
        var good = IdxTestFiles.Idx(0x08, new[] { 2, 3 }, new byte[] { 1, 2, 3, 4, 5, 6 });
        var wrongMagic = (byte[])good.Clone();
        wrongMagic[0] = 0x01;
        wrongMagic[1] = 0x02;
        var unknownType = (byte[])good.Clone();
        unknownType[2] = 0x0A;
        var noDimensions = new byte[] { 0, 0, 0x08, 0 };
        var negative = IdxTestFiles.Idx(0x08, new[] { 2, -3 }, Array.Empty<byte>());
        var tooLarge = IdxTestFiles.Idx(0x0E, new[] { 1 << 16, 1 << 16 }, new byte[8]);
        var overflowing = IdxTestFiles.Idx(0x0E, new[] { int.MaxValue, int.MaxValue, int.MaxValue }, new byte[8]);
        var data = new TheoryData<string, byte[], bool, string>();
        foreach (var compressed in new[] { false, true })
        {
            data.Add("wrong magic", wrongMagic, compressed, "its magic number is 0x01020802, but an IDX magic number starts with two zero bytes");
            data.Add("unknown element type", unknownType, compressed, "names the element type 0x0A, which is not an IDX type (0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
            data.Add("no dimensions", noDimensions, compressed, "gives 0 dimensions");
            data.Add("empty file", Array.Empty<byte>(), compressed, "the file ends after 0 of the 4 bytes of the magic number");
            data.Add("truncated magic", good[..3], compressed, "the file ends after 3 of the 4 bytes of the magic number");
            data.Add("truncated header", good[..9], compressed, "The header is truncated: the file ends after 9 of its 12 bytes (2 dimensions)");
            data.Add("negative dimension", negative, compressed, "Dimension 1 has the size -3, which is negative");
            data.Add("more values than an array holds", tooLarge, compressed, "Its header claims [65536, 65536] values of 8 bytes, more than one array holds");
            data.Add("a count past long", overflowing, compressed, "Its header claims [2147483647, 2147483647, 2147483647] values of 8 bytes, more than one array holds");
            data.Add("truncated data", good[..^2], compressed, $"The data is truncated: the {(compressed ? "decompressed " : "")}file ends after 4 of the 6 data bytes its header claims ([2, 3] values of 1 bytes)");
            data.Add("bytes after the data", good.Concat(new byte[] { 0, 0 }).ToArray(), compressed, compressed ? "The decompressed file has bytes after the 6 data bytes" : "The file has 2 bytes after the 6 data bytes");
        }

        // Far fewer bytes than claimed, yet within one array: a compressed file fails at the end of its data.
        data.Add("huge claim, little data", IdxTestFiles.Idx(0x08, new[] { 1 << 30 }, new byte[10]), true, "the decompressed file ends after 10 of the 1073741824 data bytes");
        // Deflate block type 3 is reserved.
        data.Add("not gzip after the gzip signature", new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x07, 0x00, 0x00, 0x00 }, false, "The file starts like gzip but is not valid gzip");
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_malformed_file_is_named_with_its_problem(string name, byte[] bytes, bool compressed, string problem)
    {
        using var files = new IdxTestFiles();
        var path = files.Write(name.Replace(' ', '-') + ".idx", bytes, compressed);

        var error = Assert.Throws<DatasetFileException>(() => IdxFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Hint);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var files = new IdxTestFiles();
        var path = files.Path("absent.idx");

        var error = Assert.Throws<DatasetFileException>(() => IdxFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal($"{path}: The file does not exist.", error.Message);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public void A_folder_in_place_of_the_file_is_named()
    {
        using var files = new IdxTestFiles();
        var path = files.Path("a-folder");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<DatasetFileException>(() => IdxFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"{path}: The file cannot be opened: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_path_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => IdxFile.Read(" "));

        Assert.Equal("path", error.ParamName);
    }
}
