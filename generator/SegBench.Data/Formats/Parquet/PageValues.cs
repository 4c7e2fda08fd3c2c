using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SegBench.Data.Formats.Parquet;

/// <summary>
/// The non-null values of one page (or of a dictionary), decoded into a typed array; strings are
/// kept as ranges over the decoded bytes. PLAIN fixed-width values are reinterpreted in place,
/// which assumes a little-endian machine, as every .NET 10 platform SegBench targets is.
/// </summary>
internal sealed class PageValues
{
    private PageValues(PhysicalType type, int count)
    {
        Type = type;
        Count = count;
    }

    public PhysicalType Type { get; }

    public int Count { get; }

    private bool[]? Booleans { get; init; }

    private int[]? Int32s { get; init; }

    private long[]? Int64s { get; init; }

    private double[]? Doubles { get; init; }

    private byte[]? Bytes { get; init; }

    private int[]? Starts { get; init; }

    private int[]? Lengths { get; init; }

    /// <summary>Decodes PLAIN values.</summary>
    public static PageValues DecodePlain(PhysicalType type, ReadOnlySpan<byte> data, int count) =>
        Decode(type, ParquetEncoding.Plain, data, count);

    /// <summary>Decodes <paramref name="count"/> values of an encoding.</summary>
    public static PageValues Decode(PhysicalType type, ParquetEncoding encoding, ReadOnlySpan<byte> data, int count)
    {
        switch (type, encoding)
        {
            case (PhysicalType.Boolean, ParquetEncoding.Plain):
                {
                    Need(data, (count + 7L) / 8, "booleans");
                    var flags = new bool[count];
                    for (var i = 0; i < count; i++)
                    {
                        flags[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
                    }

                    return new PageValues(type, count) { Booleans = flags };
                }

            case (PhysicalType.Boolean, ParquetEncoding.Rle):
                {
                    Need(data, 4, "the RLE boolean length");
                    var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                    if (length < 0 || length > data.Length - 4)
                    {
                        throw new InvalidDataException($"RLE booleans claim {length} bytes, more than the page holds.");
                    }

                    var bits = new int[count];
                    RleBitPackedHybrid.Decode(data.Slice(4, length), 1, bits);
                    var flags = new bool[count];
                    for (var i = 0; i < count; i++)
                    {
                        flags[i] = bits[i] != 0;
                    }

                    return new PageValues(type, count) { Booleans = flags };
                }

            case (PhysicalType.Int32, ParquetEncoding.Plain):
                Need(data, count * 4L, "INT32 values");
                return new PageValues(type, count) { Int32s = MemoryMarshal.Cast<byte, int>(data[..(count * 4)]).ToArray() };
            case (PhysicalType.Int64, ParquetEncoding.Plain):
                Need(data, count * 8L, "INT64 values");
                return new PageValues(type, count) { Int64s = MemoryMarshal.Cast<byte, long>(data[..(count * 8)]).ToArray() };
            case (PhysicalType.Double, ParquetEncoding.Plain):
                Need(data, count * 8L, "DOUBLE values");
                return new PageValues(type, count) { Doubles = MemoryMarshal.Cast<byte, double>(data[..(count * 8)]).ToArray() };
            case (PhysicalType.Float, ParquetEncoding.Plain):
                {
                    Need(data, count * 4L, "FLOAT values");
                    var floats = MemoryMarshal.Cast<byte, float>(data[..(count * 4)]);
                    var doubles = new double[count];
                    for (var i = 0; i < count; i++)
                    {
                        doubles[i] = floats[i];
                    }

                    return new PageValues(type, count) { Doubles = doubles };
                }

            case (PhysicalType.ByteArray, ParquetEncoding.Plain):
                {
                    var starts = new int[count];
                    var lengths = new int[count];
                    var position = 0;
                    for (var i = 0; i < count; i++)
                    {
                        Need(data[position..], 4, "a string length");
                        var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
                        position += 4;
                        if (length < 0 || length > data.Length - position)
                        {
                            throw new InvalidDataException($"a string claims {length} bytes, more than the page holds.");
                        }

                        starts[i] = position;
                        lengths[i] = length;
                        position += length;
                    }

                    return new PageValues(type, count) { Bytes = data[..position].ToArray(), Starts = starts, Lengths = lengths };
                }

            case (PhysicalType.Int32, ParquetEncoding.DeltaBinaryPacked):
                {
                    var decoded = DeltaBinaryPacked.Decode(data, count, out _);
                    var ints = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        ints[i] = (int)decoded[i];
                    }

                    return new PageValues(type, count) { Int32s = ints };
                }

            case (PhysicalType.Int64, ParquetEncoding.DeltaBinaryPacked):
                return new PageValues(type, count) { Int64s = DeltaBinaryPacked.Decode(data, count, out _) };
            case (PhysicalType.ByteArray, ParquetEncoding.DeltaLengthByteArray):
                {
                    var lengths = DeltaBinaryPacked.Decode(data, count, out var consumed);
                    var starts = new int[count];
                    var intLengths = new int[count];
                    long position = consumed;
                    for (var i = 0; i < count; i++)
                    {
                        if (lengths[i] < 0 || lengths[i] > data.Length - position)
                        {
                            throw new InvalidDataException($"a string claims {lengths[i]} bytes, more than the page holds.");
                        }

                        starts[i] = (int)position;
                        intLengths[i] = (int)lengths[i];
                        position += lengths[i];
                    }

                    return new PageValues(type, count) { Bytes = data[..(int)position].ToArray(), Starts = starts, Lengths = intLengths };
                }

            case (PhysicalType.ByteArray, ParquetEncoding.DeltaByteArray):
                return DecodeDeltaByteArray(type, data, count);
            case (PhysicalType.Double or PhysicalType.Float or PhysicalType.Int32 or PhysicalType.Int64, ParquetEncoding.ByteStreamSplit):
                {
                    var width = type is PhysicalType.Double or PhysicalType.Int64 ? 8 : 4;
                    Need(data, (long)count * width, "BYTE_STREAM_SPLIT values");
                    var joined = new byte[count * width];
                    for (var b = 0; b < width; b++)
                    {
                        var stream = data.Slice(b * count, count);
                        for (var i = 0; i < count; i++)
                        {
                            joined[(i * width) + b] = stream[i];
                        }
                    }

                    return Decode(type, ParquetEncoding.Plain, joined, count);
                }

            default:
                throw new InvalidDataException($"encoding {encoding} is not supported for {type} values.");
        }
    }

    /// <summary>The values at dictionary indices.</summary>
    public PageValues Select(int[] indices)
    {
        var count = indices.Length;
        var result = Type switch
        {
            PhysicalType.Boolean => new PageValues(Type, count) { Booleans = Gather(Booleans!, indices) },
            PhysicalType.Int32 => new PageValues(Type, count) { Int32s = Gather(Int32s!, indices) },
            PhysicalType.Int64 => new PageValues(Type, count) { Int64s = Gather(Int64s!, indices) },
            PhysicalType.Double or PhysicalType.Float => new PageValues(Type, count) { Doubles = Gather(Doubles!, indices) },
            PhysicalType.ByteArray => new PageValues(Type, count) { Bytes = Bytes, Starts = Gather(Starts!, indices), Lengths = Gather(Lengths!, indices) },
            _ => throw new InvalidDataException($"dictionary pages of {Type} are not supported."),
        };
        return result;
    }

    /// <summary>
    /// A new column of <paramref name="type"/> holding the values in the rows the definition levels
    /// mark present, and nulls in the others.
    /// </summary>
    public Column ToColumn(ColumnType type, ReadOnlySpan<int> levels, bool optional)
    {
        var column = Column.Create(type, levels.Length);
        var nulls = new List<int>();
        AppendTo(column, levels, optional, nulls);
        foreach (var row in nulls)
        {
            column.SetNull(row);
        }

        return column;
    }

    /// <summary>
    /// Appends the values to a column. Where the definition level is 0 it appends the type's
    /// default and records the row in <paramref name="nulls"/>; the caller marks those rows null
    /// once the column is complete, the way missingness injection does. Column.IsNull indexes a
    /// null-flag array that AppendNull sizes only up to the last null, so a column built with
    /// AppendNull followed by more values cannot answer IsNull for the later rows.
    /// </summary>
    private void AppendTo(Column column, ReadOnlySpan<int> levels, bool optional, List<int> nulls)
    {
        var present = levels.Length;
        if (optional)
        {
            present = 0;
            foreach (var level in levels)
            {
                present += level;
            }
        }

        if (present > Count)
        {
            throw new InvalidDataException($"a page holds {Count} values but its definition levels need {present}.");
        }

        switch (column)
        {
            case StringColumn text:
                var next = 0;
                for (var i = 0; i < levels.Length; i++)
                {
                    if (optional && levels[i] == 0)
                    {
                        nulls.Add(text.Count);
                        text.Append(ReadOnlySpan<byte>.Empty);
                    }
                    else
                    {
                        text.Append(Bytes.AsSpan(Starts![next], Lengths![next]));
                        next++;
                    }
                }

                break;
            case BooleanColumn flags:
                Fill(flags, Booleans!, levels, optional, nulls);
                break;
            case Int64Column integers:
                Fill(integers, Int64s!, levels, optional, nulls);
                break;
            case DoubleColumn numbers:
                Fill(numbers, Doubles!, levels, optional, nulls);
                break;
            case PrimitiveColumn<int> integers:
                Fill(integers, Int32s!, levels, optional, nulls);
                break;
            default:
                throw new InvalidDataException($"cannot fill a {column.Type} column.");
        }
    }

    private static void Fill<T>(PrimitiveColumn<T> column, T[] values, ReadOnlySpan<int> levels, bool optional, List<int> nulls)
        where T : unmanaged
    {
        var next = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            if (optional && levels[i] == 0)
            {
                nulls.Add(column.Count);
                column.Append(default);
            }
            else
            {
                column.Append(values[next++]);
            }
        }
    }

    private static PageValues DecodeDeltaByteArray(PhysicalType type, ReadOnlySpan<byte> data, int count)
    {
        var prefixes = DeltaBinaryPacked.Decode(data, count, out var consumed);
        var suffixLengths = DeltaBinaryPacked.Decode(data[consumed..], count, out var consumedLengths);
        var position = (long)consumed + consumedLengths;
        var output = new ArrayBufferWriter<byte>();
        var starts = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var prefix = prefixes[i];
            var suffix = suffixLengths[i];
            var previousLength = i == 0 ? 0 : lengths[i - 1];
            if (prefix < 0 || prefix > previousLength || suffix < 0 || suffix > data.Length - position)
            {
                throw new InvalidDataException("a DELTA_BYTE_ARRAY value is out of range.");
            }

            starts[i] = output.WrittenCount;
            lengths[i] = (int)(prefix + suffix);
            if (prefix > 0)
            {
                var previous = output.WrittenSpan.Slice(starts[i - 1], (int)prefix).ToArray();
                output.Write(previous);
            }

            output.Write(data.Slice((int)position, (int)suffix));
            position += suffix;
        }

        return new PageValues(type, count) { Bytes = output.WrittenSpan.ToArray(), Starts = starts, Lengths = lengths };
    }

    private static T[] Gather<T>(T[] source, int[] indices)
    {
        var result = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = source[indices[i]];
        }

        return result;
    }

    private static void Need(ReadOnlySpan<byte> data, long bytes, string what)
    {
        if (data.Length < bytes)
        {
            throw new InvalidDataException($"the page holds {data.Length} bytes, too few for {what} ({bytes} needed).");
        }
    }
}
