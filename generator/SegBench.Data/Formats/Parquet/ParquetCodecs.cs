using System.IO.Compression;

namespace SegBench.Data.Formats.Parquet;

/// <summary>Page compression for the codecs SegBench reads and writes (parquet.thrift <c>CompressionCodec</c>).</summary>
internal static class ParquetCodecs
{
    public const int Uncompressed = 0;
    public const int Snappy = 1;
    public const int Gzip = 2;

    /// <summary>The thrift codec number of a writer setting.</summary>
    public static int FromCompression(ParquetCompression compression) => compression switch
    {
        ParquetCompression.Uncompressed => Uncompressed,
        ParquetCompression.Gzip => Gzip,
        ParquetCompression.Snappy => Snappy,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, null),
    };

    /// <summary>The spec's name of a codec number, for messages.</summary>
    public static string Name(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"unknown codec {codec}",
    };

    /// <summary>True for the codecs <see cref="Decompress"/> handles.</summary>
    public static bool IsSupported(int codec) => codec is Uncompressed or Snappy or Gzip;

    // Snappy output, which every caller copies into its page at once: one buffer per thread serves every page.
    [ThreadStatic]
    private static byte[]? t_snappyOutput;

    /// <summary>
    /// Compresses a page body; the uncompressed codec returns the input unchanged, and Snappy the
    /// calling thread's output buffer, which its next call overwrites: copy the result before then.
    /// </summary>
    public static ReadOnlyMemory<byte> Compress(int codec, ReadOnlyMemory<byte> input)
    {
        switch (codec)
        {
            case Uncompressed:
                return input;
            case Snappy:
                var needed = Parquet.Snappy.MaximumCompressedLength(input.Length);
                var output = t_snappyOutput is { } spare && spare.Length >= needed ? spare : t_snappyOutput = new byte[needed];
                return output.AsMemory(0, Parquet.Snappy.Compress(input.Span, output));
            case Gzip:
                using (var buffer = new MemoryStream(input.Length / 2 + 64))
                {
                    using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(input.Span);
                    }

                    return buffer.ToArray();
                }

            default:
                throw new NotSupportedException($"Cannot compress with {Name(codec)}.");
        }
    }

    /// <summary>Decompresses a page body into exactly <paramref name="output"/>.Length bytes.</summary>
    public static void Decompress(int codec, ReadOnlySpan<byte> input, Span<byte> output)
    {
        switch (codec)
        {
            case Uncompressed:
                if (input.Length != output.Length)
                {
                    throw new InvalidDataException($"An uncompressed page holds {input.Length} bytes but its header says {output.Length}.");
                }

                input.CopyTo(output);
                break;
            case Snappy:
                Parquet.Snappy.Decompress(input, output);
                break;
            case Gzip:
                DecompressGzip(input, output);
                break;
            default:
                throw new InvalidDataException($"Compression codec {Name(codec)} is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP).");
        }
    }

    private static void DecompressGzip(ReadOnlySpan<byte> input, Span<byte> output)
    {
        using var source = new MemoryStream(input.ToArray(), writable: false);
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        var written = 0;
        while (written < output.Length)
        {
            var read = gzip.Read(output[written..]);
            if (read == 0)
            {
                throw new InvalidDataException($"Gzip data ends after {written} of {output.Length} bytes.");
            }

            written += read;
        }

        Span<byte> probe = stackalloc byte[1];
        if (gzip.Read(probe) != 0)
        {
            throw new InvalidDataException($"Gzip data holds more than the {output.Length} bytes its page header says.");
        }
    }
}
