using System.Buffers;
using System.Buffers.Binary;
using SegBench.Data.Formats.Parquet;

namespace SegBench.Data.Tests.Parquet;

/// <summary>
/// Builds small Parquet files by hand, page by page, for shapes our writer never produces
/// (REQUIRED columns, v2 data pages) and for hostile headers.
/// </summary>
internal sealed class ParquetFileBuilder
{
    private readonly List<byte> _file = [.. "PAR1"u8.ToArray()];
    private readonly List<(string Name, PhysicalType Type, Repetition Repetition, int? ConvertedType, long Offset, long Size, int Codec)> _columns = [];

    public int Rows { get; init; }

    /// <summary>Adds a column chunk holding one page.</summary>
    public ParquetFileBuilder AddColumn(string name, PhysicalType type, Repetition repetition, int? convertedType, int codec, byte[] page)
    {
        _columns.Add((name, type, repetition, convertedType, _file.Count, page.Length, codec));
        _file.AddRange(page);
        return this;
    }

    /// <summary>A v1 data page: [4-byte length + definition levels] then PLAIN values, whole body compressed.</summary>
    public static byte[] DataPageV1(int codec, int valueCount, byte[]? definitionLevels, byte[] values, int? claimedUncompressedSize = null)
    {
        var body = new List<byte>();
        if (definitionLevels is not null)
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, definitionLevels.Length);
            body.AddRange(prefix);
            body.AddRange(definitionLevels);
        }

        body.AddRange(values);
        var compressed = ParquetCodecs.Compress(codec, body.ToArray()).ToArray();
        return Page(writer =>
        {
            writer.WriteI32Field(1, (int)PageType.DataPage);
            writer.WriteI32Field(2, claimedUncompressedSize ?? body.Count);
            writer.WriteI32Field(3, compressed.Length);
            writer.BeginStructField(5);
            writer.WriteI32Field(1, valueCount);
            writer.WriteI32Field(2, (int)ParquetEncoding.Plain);
            writer.WriteI32Field(3, (int)ParquetEncoding.Rle);
            writer.WriteI32Field(4, (int)ParquetEncoding.Rle);
            writer.EndStruct();
        }, compressed);
    }

    /// <summary>A v2 data page: uncompressed definition levels, then PLAIN values compressed if asked.</summary>
    public static byte[] DataPageV2(int codec, int valueCount, int nullCount, byte[] definitionLevels, byte[] values, bool compressValues)
    {
        var data = compressValues ? ParquetCodecs.Compress(codec, values).ToArray() : values;
        return Page(writer =>
        {
            writer.WriteI32Field(1, (int)PageType.DataPageV2);
            writer.WriteI32Field(2, definitionLevels.Length + values.Length);
            writer.WriteI32Field(3, definitionLevels.Length + data.Length);
            writer.BeginStructField(8);
            writer.WriteI32Field(1, valueCount);
            writer.WriteI32Field(2, nullCount);
            writer.WriteI32Field(3, valueCount);
            writer.WriteI32Field(4, (int)ParquetEncoding.Plain);
            writer.WriteI32Field(5, definitionLevels.Length);
            writer.WriteI32Field(6, 0);
            writer.WriteBoolField(7, compressValues);
            writer.EndStruct();
        }, [.. definitionLevels, .. data]);
    }

    /// <summary>RLE/bit-packed definition levels (no length prefix).</summary>
    public static byte[] Levels(IEnumerable<bool> present)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RleBitPackedHybrid.Encode(present.Select(p => p ? 1 : 0).ToArray(), 1, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the file with its footer.</summary>
    public void Save(string path)
    {
        var footer = new ArrayBufferWriter<byte>();
        var writer = new CompactWriter(footer);
        writer.BeginStruct();
        writer.WriteI32Field(1, 1);
        writer.BeginListField(2, CompactType.Struct, _columns.Count + 1);
        writer.BeginStruct();
        writer.WriteStringField(4, "root");
        writer.WriteI32Field(5, _columns.Count);
        writer.EndStruct();
        foreach (var column in _columns)
        {
            writer.BeginStruct();
            writer.WriteI32Field(1, (int)column.Type);
            writer.WriteI32Field(3, (int)column.Repetition);
            writer.WriteStringField(4, column.Name);
            if (column.ConvertedType is { } converted)
            {
                writer.WriteI32Field(6, converted);
            }

            writer.EndStruct();
        }

        writer.WriteI64Field(3, Rows);
        writer.BeginListField(4, CompactType.Struct, 1);
        writer.BeginStruct();
        writer.BeginListField(1, CompactType.Struct, _columns.Count);
        foreach (var column in _columns)
        {
            writer.BeginStruct();
            writer.WriteI64Field(2, 0);
            writer.BeginStructField(3);
            writer.WriteI32Field(1, (int)column.Type);
            writer.BeginListField(2, CompactType.I32, 1);
            writer.WriteI32Element((int)ParquetEncoding.Plain);
            writer.BeginListField(3, CompactType.Binary, 1);
            writer.WriteStringElement(column.Name);
            writer.WriteI32Field(4, column.Codec);
            writer.WriteI64Field(5, Rows);
            writer.WriteI64Field(6, column.Size);
            writer.WriteI64Field(7, column.Size);
            writer.WriteI64Field(9, column.Offset);
            writer.EndStruct();
            writer.EndStruct();
        }

        writer.WriteI64Field(2, _columns.Sum(c => c.Size));
        writer.WriteI64Field(3, Rows);
        writer.EndStruct();
        writer.EndStruct();

        var bytes = new List<byte>(_file);
        bytes.AddRange(footer.WrittenSpan.ToArray());
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.WrittenCount);
        bytes.AddRange(length);
        bytes.AddRange("PAR1"u8.ToArray());
        File.WriteAllBytes(path, [.. bytes]);
    }

    private static byte[] Page(Action<CompactWriter> fields, byte[] body)
    {
        var header = new ArrayBufferWriter<byte>();
        var writer = new CompactWriter(header);
        writer.BeginStruct();
        fields(writer);
        writer.EndStruct();
        return [.. header.WrittenSpan.ToArray(), .. body];
    }
}
